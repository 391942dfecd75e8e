import type { StoredChannel } from '../application/ports/channel-store.port';
import { channelHealth } from '../domain/retry-schedule';
import type { ChannelResponseDto } from './dto/channel.response.dto';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const NONE = { pending: 0, sent: 0, failed: 0 };

/** A channel as the API shows it: settings, whether its secrets are set, its health; never a secret. */
export function toChannelDto(
  c: StoredChannel,
  failingAfter: number,
  counts: { pending: number; sent: number; failed: number } = NONE,
): ChannelResponseDto {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    enabled: c.enabled,
    settings: c.settings,
    secrets_set: c.sealed.ciphertext.length > 0,
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
