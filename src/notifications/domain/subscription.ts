import type { NotificationEvent } from './notification-event';

/** What a channel listens to: its kinds, and the accounts it is limited to (null: every account). */
export interface Subscription {
  enabled: boolean;
  events: readonly string[];
  accountIds: readonly number[] | null;
}

/**
 * Does this channel get this event? Its kind must be subscribed; an event about one account reaches a
 * channel limited to accounts only when that account is one of them; an event tied to no account (a global
 * halt, a connection, the dead-man) reaches every channel subscribed to its kind.
 */
export function subscribes(
  channel: Subscription,
  event: Pick<NotificationEvent, 'kind' | 'accountId'>,
): boolean {
  if (!channel.enabled || !channel.events.includes(event.kind)) return false;
  if (channel.accountIds === null || event.accountId === null) return true;
  return channel.accountIds.includes(event.accountId);
}
