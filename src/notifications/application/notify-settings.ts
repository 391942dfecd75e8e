import type { SessionHours } from '../domain/dead-man';
import type { RetryPolicy } from '../domain/retry-schedule';

/** The notifications settings (NOTIFY_*, PUBLIC_URL), validated at start-up. */
export interface NotifySettings {
  enabled: boolean;
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  sendTimeoutMs: number;
  retry: RetryPolicy;
  failingAfter: number;
  publicUrl: string | null;
  heartbeatMinutes: number;
  /** limit.approaching from this percent of a limit used (0: off), checked every limitCheckMs */
  limitThresholdPercent: number;
  limitCheckMs: number;
  session: SessionHours;
  holderId: string;
}

export const NOTIFY_SETTINGS = Symbol('NOTIFY_SETTINGS');
