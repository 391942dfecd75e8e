import type { BlockList } from 'node:net';
import type { OrderRetrySettings } from './order-retry';

/** DI token for the routing settings (a plain value, read and validated from the environment at start-up). */
export const ROUTING_SETTINGS = Symbol('ROUTING_SETTINGS');

export interface RoutingSettings {
  /** Accepted webhook secrets (several during a rotation); empty = the webhook refuses every request. */
  webhookSecrets: string[];
  /** Allowed sender addresses; null = any sender. */
  allowedSenders: BlockList | null;
  dryRun: boolean;
  routerEnabled: boolean;
  pollIntervalMs: number;
  batchSize: number;
  maxAttempts: number;
  leaseMs: number;
  notify: boolean;
  /** A signal accepted here is leased to this process's router in its insert and run at once. */
  handoff: boolean;
  routerId: string;
  /** Re-driving orders left RETRY (ORDER_RETRY_*). */
  orderRetry: OrderRetrySettings;
  /** Accepted entries with a stop loss are confirmed protected at their platform (PROTECT_ENABLED). */
  protectEnabled: boolean;
  /** How long a filled entry's stop may take to show as working at the platform (PROTECT_TIMEOUT_MS). */
  protectTimeoutMs: number;
  /**
   * ORDER_SEND_WINDOW_MS: no request for an order starts later than this after its row was written; another
   * router that finds the order unanswered (its router stalled past its lease, or died) looks it up no sooner
   * than twice this after the row was written, so the two never both send it.
   */
  orderSendWindowMs: number;
  /** ALERT_DEDUPE_WINDOW_S: a repeat of an alert accepted less than this many seconds before is not queued again. */
  dedupeWindowS: number;
}
