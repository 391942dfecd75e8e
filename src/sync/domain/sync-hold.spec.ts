import { holdOver, syncedSince, unsyncedSince } from './sync-hold';

const START = new Date('2026-12-02T10:00:00.000Z');
const at = (ms: number) => new Date(START.getTime() + ms);

describe('restart resync hold', () => {
  it('an account is synced when its platform confirmed it at or after the start, not a millisecond before', () => {
    expect(syncedSince(at(-1), START)).toBe(false);
    expect(syncedSince(at(0), START)).toBe(true);
    expect(syncedSince(at(1), START)).toBe(true);
    expect(syncedSince(undefined, START)).toBe(false);
  });

  it('holds the accounts not confirmed since the start, never synced ones included', () => {
    const confirmed = new Map([
      [1, at(-5000)],
      [2, at(20)],
    ]);
    expect(unsyncedSince([1, 2, 3], confirmed, START)).toEqual([1, 3]);
  });

  it('ends the hold at the bound (SYNC_STALE_MS), not a millisecond before', () => {
    expect(holdOver(1000, 10_999, 10_000)).toBe(false);
    expect(holdOver(1000, 11_000, 10_000)).toBe(true);
  });
});
