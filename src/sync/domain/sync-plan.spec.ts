import { accountsByConnection, fillCursor, newestFill } from './sync-plan';

describe('accountsByConnection', () => {
  it('groups accounts with a program by connection and leaves env accounts out', () => {
    const a = (id: number, connectionId: number, programId: number | null) => ({
      id,
      label: `a${id}`,
      firmCode: 'APEX',
      programId,
      connectionId,
    });
    const groups = accountsByConnection([a(1, 10, 4), a(2, 10, 5), a(3, 11, 7), a(4, 12, null)] as never);
    expect([...groups].map(([c, list]) => [c, list.map((x) => x.id)])).toEqual([
      [10, [1, 2]],
      [11, [3]],
    ]);
  });
});

describe('newestFill and fillCursor', () => {
  it('the cursor starts a minute before the newest fill seen and does not move without new fills', () => {
    expect(fillCursor(newestFill(null, []))).toBeNull();
    const newest = newestFill(null, ['2026-12-02T14:30:00.000Z', '2026-12-02T14:00:00.000Z']);
    expect(fillCursor(newest)?.toISOString()).toBe('2026-12-02T14:29:00.000Z');
    expect(newestFill(newest, [])).toEqual(newest);
    expect(newestFill(newest, ['2026-12-02T13:00:00.000Z'])).toEqual(newest);
  });
});
