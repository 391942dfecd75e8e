import type { StoredChannel } from '../../application/ports/channel-store.port';
import type { ChannelType } from '../../domain/channel-types';
import type { Settings } from '../../domain/channel-validation';

export const CHANNEL_COLUMNS = `c.id, c.name, c.type, c.enabled, c.settings, c.secrets_key_id, c.secrets_ciphertext,
  c.events, c.account_ids, c.consecutive_failures, c.last_error, c.last_success_at, c.last_failure_at,
  c.paused_until, c.created_at, c.updated_at`;

export interface ChannelRow {
  id: number;
  name: string;
  type: ChannelType;
  enabled: boolean;
  settings: Settings;
  secrets_key_id: string;
  secrets_ciphertext: string;
  events: string[];
  account_ids: number[] | null;
  consecutive_failures: number;
  last_error: string | null;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  paused_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toChannel(r: ChannelRow): StoredChannel {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    enabled: r.enabled,
    settings: r.settings,
    events: r.events,
    accountIds: r.account_ids,
    sealed: { keyId: r.secrets_key_id, ciphertext: r.secrets_ciphertext },
    consecutiveFailures: r.consecutive_failures,
    lastError: r.last_error,
    lastSuccessAt: r.last_success_at,
    lastFailureAt: r.last_failure_at,
    pausedUntil: r.paused_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
