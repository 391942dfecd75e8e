import { mapSymbol } from './symbol-map';

describe('mapSymbol: an account trades its mapped root, keeping the contract suffix', () => {
  const micros = { NQ: 'MNQ', ES: 'MES' };

  it.each([
    ['NQ', 'MNQ'],
    ['nq', 'MNQ'],
    ['NQ1!', 'MNQ1!'],
    ['NQZ5', 'MNQZ5'],
    ['NQZ2025', 'MNQZ2025'],
    ['ES1!', 'MES1!'],
  ])('%s → %s', (alert, traded) => expect(mapSymbol(micros, alert)).toBe(traded));

  it.each(['MNQ', 'MNQ1!', 'NQX', 'NQ12345', 'CL', 'NQ-2'])('%s is left as it is (no key matches)', (s) =>
    expect(mapSymbol(micros, s)).toBe(s),
  );

  it('the longest key wins: a one-letter key never rewrites a longer root it prefixes', () => {
    expect(mapSymbol({ M: 'X', MNQ: 'NQ' }, 'MNQ1!')).toBe('NQ1!');
    expect(mapSymbol({ M: 'X' }, 'MNQ1!')).toBe('MNQ1!');
  });

  it('an empty map changes nothing', () => expect(mapSymbol({}, 'NQ1!')).toBe('NQ1!'));
});
