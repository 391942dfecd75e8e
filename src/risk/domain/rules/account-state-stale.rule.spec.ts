import { checkStateFreshness } from './account-state-stale.rule';

const confirmedAt = new Date('2026-03-09T16:00:00.000Z');
const at = (ms: number) => new Date(confirmedAt.getTime() + ms);
const check = (source: 'manual' | 'platform', ageMs: number, confirmed: Date | null = confirmedAt) =>
  checkStateFreshness({
    state: { source, confirmedAt: confirmed },
    now: at(ageMs),
    staleAfterMs: 10_000,
    programId: 4,
  });

describe('ACCOUNT_STATE_STALE', () => {
  it('passes a platform state confirmed one ms inside the limit and exactly at it, rejects one ms over', () => {
    expect(check('platform', 9_999)).toBeNull();
    expect(check('platform', 10_000)).toBeNull();
    expect(check('platform', 10_001)).toEqual({
      rule: 'ACCOUNT_STATE_STALE',
      reason:
        'The account state was last confirmed by the platform 10.001 s ago, beyond the 10 s allowed ' +
        '(SYNC_STALE_MS): no new entries until sync returns',
      details: {
        confirmed_at: '2026-03-09T16:00:00.000Z',
        age_ms: 10_001,
        stale_after_ms: 10_000,
        program_id: 4,
      },
    });
  });

  it('never rejects a manual state, however old', () => {
    expect(check('manual', 10_001)).toBeNull();
    expect(check('manual', 86_400_000, null)).toBeNull();
  });

  it('rejects a platform state without a confirmation time', () => {
    expect(check('platform', 0, null)?.reason).toContain('was never confirmed by the platform');
  });

  it('passes a confirmation from the future (clock skew) as fresh', () => {
    expect(check('platform', -500)).toBeNull();
  });
});
