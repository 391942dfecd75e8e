/**
 * What a trader hears about. The kinds a channel subscribes to; the sources of the first ones are database
 * triggers (orders, results, halts, connection sync), the periodic checks add the dead-man and the limits;
 * `account.flattened` (guards, flat-by time) and `sync.drift` (reconciliation) are emitted when those land.
 */
export const NOTIFICATION_KINDS = [
  'order.failed',
  'entry.rejected',
  'halt.set',
  'halt.cleared',
  'account.flattened',
  'limit.approaching',
  'connection.down',
  'connection.login_failed',
  'connection.token_renewal_failed',
  'sync.drift',
  'heartbeat.silent',
  'daily.summary',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Every kind but the per-entry risk rejections (noisy: a strategy's alerts are often refused by design). */
export const DEFAULT_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (k) => k !== 'entry.rejected',
);

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(v);
}

/** One row of the outbox: what happened, to which account (null: not tied to one), its facts. */
export interface NotificationEvent {
  id: number;
  kind: NotificationKind | 'test';
  accountId: number | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** A message as every channel shows it: a short title and a few human lines. */
export interface RenderedMessage {
  title: string;
  text: string;
  link: string | null;
}
