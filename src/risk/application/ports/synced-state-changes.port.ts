/**
 * Tells listeners, in this process, that a trading account's state was just updated from its platform
 * (SyncedAccountState.apply): the guard after the trade checks that account at once instead of polling.
 * Only the process syncing an account's connection applies its reads, so that is where the signal fires.
 */
export abstract class SyncedStateChanges {
  /** Calls `listener` with the account id after each applied read; returns the unsubscribe. */
  abstract subscribe(listener: (accountId: number) => void): () => void;
}
