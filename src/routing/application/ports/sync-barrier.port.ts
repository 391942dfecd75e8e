/**
 * A restart resynchronises before the router sends anything for an account (issue 14): after a crash the
 * platform may hold positions and fills the stored state does not, though that state still looks fresh.
 */
export abstract class SyncBarrier {
  /**
   * Resolves once every listed trading account's state was confirmed by its platform after this process
   * started (whichever process synced it), or once waiting longer is pointless (bounded: the risk gate's
   * ACCOUNT_STATE_STALE rule then decides); at once when nothing syncs. Never rejects.
   */
  abstract synced(accountIds: number[]): Promise<void>;
}
