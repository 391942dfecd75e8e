import type { AccountState } from '../account-state';
import { deny, RuleOutcome } from '../risk-denial';

export interface StaleStateInput {
  state: Pick<AccountState, 'source' | 'confirmedAt'>;
  now: Date;
  /** `SYNC_STALE_MS`: how long a platform-confirmed state may go unconfirmed before entries stop. */
  staleAfterMs: number;
  programId: number;
}

/**
 * A state read from the platform and not confirmed by it within `staleAfterMs` (age > limit) stops new
 * entries until sync returns: the router never sizes on state it cannot trust. A manual state is never
 * stale (connections without sync keep working). Exits are not checked (the caller runs entries only).
 */
export function checkStateFreshness(input: StaleStateInput): RuleOutcome {
  const { state, now, staleAfterMs } = input;
  if (state.source !== 'platform') return null;
  const age = state.confirmedAt === null ? null : now.getTime() - state.confirmedAt.getTime();
  if (age !== null && age <= staleAfterMs) return null;
  const seen =
    age === null
      ? 'was never confirmed by the platform'
      : `was last confirmed by the platform ${seconds(age)} s ago`;
  return deny(
    'ACCOUNT_STATE_STALE',
    `The account state ${seen}, beyond the ${seconds(staleAfterMs)} s allowed (SYNC_STALE_MS): no new entries until sync returns`,
    {
      confirmed_at: state.confirmedAt?.toISOString() ?? null,
      age_ms: age,
      stale_after_ms: staleAfterMs,
      program_id: input.programId,
    },
  );
}

/** Milliseconds as seconds with up to 3 decimals (10001 → "10.001", 12000 → "12"). */
function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
