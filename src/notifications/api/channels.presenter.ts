import type { StoredChannel } from '../application/ports/channel-store.port';
import type { DeliveryRecord } from '../application/ports/outbox.port';
import { renderMessage } from '../domain/render-message';
import { channelHealth } from '../domain/retry-schedule';
import type { ChannelDeliveryDto, ChannelResponseDto } from './dto/channel.response.dto';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const NONE = { pending: 0, sent: 0, failed: 0 };

/** A channel as the API shows it: settings, whether its secrets are set, its health; never a secret. */
export function toChannelDto(
  c: StoredChannel,
  failingAfter: number,
  secretNames: string[] | null,
  counts: { pending: number; sent: number; failed: number } = NONE,
): ChannelResponseDto {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    enabled: c.enabled,
    settings: c.settings,
    secrets_set: c.sealed.ciphertext.length > 0,
    secret_fields_set: secretNames,
    events: c.events,
    account_ids: c.accountIds,
    health: {
      status: channelHealth(c.consecutiveFailures, failingAfter),
      consecutive_failures: c.consecutiveFailures,
      last_error: c.lastError,
      last_success_at: iso(c.lastSuccessAt),
      last_failure_at: iso(c.lastFailureAt),
      paused_until: c.pausedUntil && c.pausedUntil > new Date() ? c.pausedUntil.toISOString() : null,
    },
    deliveries: counts,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

/** One delivery: its event's kind and title (rendered from the event's facts, like the message), how it went. */
export function toDeliveryDto(d: DeliveryRecord): ChannelDeliveryDto {
  return {
    id: d.id,
    event_id: d.event.id,
    kind: d.event.kind,
    account_id: d.event.accountId,
    title: renderMessage(d.event, null).title,
    status: d.status,
    attempts: d.attempts,
    last_error: d.lastError,
    next_attempt_at: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
    sent_at: iso(d.sentAt),
    occurred_at: d.event.occurredAt.toISOString(),
    created_at: d.createdAt.toISOString(),
  };
}
