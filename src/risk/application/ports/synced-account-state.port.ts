import type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';

/** Which trading account a platform snapshot belongs to, as risk keys its state. */
export interface SyncedAccountRef {
  accountId: number;
  firmCode: string;
  programId: number;
}

export interface SyncApplied {
  /** Fills applied by this call (a fill id already applied is skipped). */
  newFills: number;
  /** The state's new balance and open P&L, as decimal text. */
  balance: string;
  openPnl: string;
}

/**
 * Folds what the platform reports into the account state the risk gate reads (issue 14): each fill once by
 * its platform fill id, the platform's balance and open P&L, the intraday high-water mark raised on every
 * update (open profit included), the state marked `platform` and confirmed now.
 */
export abstract class SyncedAccountState {
  abstract apply(account: SyncedAccountRef, snapshot: PlatformAccountSnapshot): Promise<SyncApplied>;
}
