import type Decimal from 'decimal.js';

/** The guard after the trade's settings (GUARD_*), validated at start-up. */
export interface GuardSettings {
  enabled: boolean;
  /** The buffer of an account that sets none: a fraction of the limit (0.1 = 10 %). */
  defaultBuffer: Decimal;
  /** Every this often, every synced account is checked (what the per-read checks cannot see). */
  sweepMs: number;
  /** How long a process holds a trip it is acting on before another may finish it. */
  leaseMs: number;
  /** After a failed step (flatten refused, halt not stored), the trip is tried again this much later. */
  retryMs: number;
  /** How often the flat-by watch looks: a firm's accounts are flattened within this of its flat-by time. */
  flatByWatchMs: number;
  holderId: string;
}

export const GUARD_SETTINGS = Symbol('GUARD_SETTINGS');
