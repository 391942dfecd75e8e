/** When the platforms last confirmed some trading accounts' states, and for how long the gate trusts that. */
export interface SyncConfirmations {
  /** Per account asked for: the oldest confirmation among its platform-sourced states; absent when none (never synced, or typed in). */
  confirmedAt: Map<number, Date>;
  /** SYNC_STALE_MS: a platform state confirmed longer ago stops new entries (ACCOUNT_STATE_STALE). */
  staleAfterMs: number;
}

/** Read by whoever must know whether an account's state was synced lately (e.g. since a restart). */
export abstract class SyncConfirmationReader {
  abstract confirmations(accountIds: number[]): Promise<SyncConfirmations>;
}
