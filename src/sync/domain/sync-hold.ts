/**
 * Restart resync (issue 14): an account's orders are held until its platform confirmed its state after this
 * process started. Another process may have done that sync: what counts is when the state was last confirmed.
 */
export function syncedSince(confirmedAt: Date | undefined, startedAt: Date): boolean {
  return confirmedAt !== undefined && confirmedAt.getTime() >= startedAt.getTime();
}

/** The accounts still held: not confirmed by their platform since `startedAt`. */
export function unsyncedSince(
  accountIds: number[],
  confirmedAt: Map<number, Date>,
  startedAt: Date,
): number[] {
  return accountIds.filter((id) => !syncedSince(confirmedAt.get(id), startedAt));
}

/**
 * The hold ends after `holdMs` (SYNC_STALE_MS): by then a state confirmed before the start is stale, and the
 * risk gate rejects entries on it (ACCOUNT_STATE_STALE); waiting longer would only delay that answer.
 */
export function holdOver(heldSince: number, now: number, holdMs: number): boolean {
  return now - heldSince >= holdMs;
}
