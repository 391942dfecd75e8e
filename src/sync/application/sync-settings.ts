/** DI token for the sync settings (read and validated from the environment at start-up). */
export const SYNC_SETTINGS = Symbol('SYNC_SETTINGS');

export interface SyncSettings {
  /** SYNC_ENABLED: keep accounts in sync with their platforms (default true). */
  enabled: boolean;
  /** SYNC_POLL_INTERVAL_MS: how often each account is read over REST (default 2000). */
  pollIntervalMs: number;
  /** SYNC_LEASE_MS: how long a connection's sync lease lasts without renewal (default 8000: a dead holder is replaced within 10 s, renewals every SYNC_POLL_INTERVAL_MS). */
  leaseMs: number;
  /** RECONCILE_INTERVAL_MS: how often each account's positions and working orders are reconciled (default 30000). */
  reconcileIntervalMs: number;
  /**
   * RECONCILE_SETTLE_MS: an order sent or answered this long before a platform read (or later) leaves its
   * symbol unjudged until the next round: the platform may not show it yet (default 5000).
   */
  reconcileSettleMs: number;
  /** This process, as lease holder. */
  holderId: string;
}
