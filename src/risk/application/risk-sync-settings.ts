/** How the gate treats platform-synced account states (from the risk config: `SYNC_STALE_MS`). */
export interface RiskSyncSettings {
  /** A platform state not confirmed for longer than this stops new entries (ACCOUNT_STATE_STALE). */
  staleAfterMs: number;
}

/** DI token for RiskSyncSettings (a plain value built from the risk config). */
export const RISK_SYNC_SETTINGS = Symbol('RISK_SYNC_SETTINGS');
