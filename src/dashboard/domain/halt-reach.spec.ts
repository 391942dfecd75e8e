import { CardHalt, haltsReaching } from './halt-reach';

const h = (
  id: number,
  scope: CardHalt['scope'],
  firmCode: string | null,
  accountId: number | null,
): CardHalt => ({
  id,
  scope,
  firmCode,
  accountId,
});

describe('haltsReaching', () => {
  const halts = [
    h(1, 'global', null, null),
    h(2, 'firm', 'APEX', null),
    h(3, 'account', 'APEX', 7),
    h(4, 'firm', 'FTMO', null),
    h(5, 'account', 'APEX', 8),
  ];

  it('global, its firm and its own halts reach an account; others do not', () => {
    expect(haltsReaching(halts, { id: 7, firmCode: 'APEX' }).map((x) => x.id)).toEqual([1, 2, 3]);
    expect(haltsReaching(halts, { id: 9, firmCode: 'TOPSTEP' }).map((x) => x.id)).toEqual([1]);
    expect(haltsReaching([h(3, 'account', 'APEX', 7)], { id: 8, firmCode: 'APEX' })).toEqual([]);
  });
});
