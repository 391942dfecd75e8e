import type { SealedCredentials } from '../../../platform/crypto/credential-cipher';
import type { ChannelFields } from '../../domain/channel-validation';

/** A channel as stored: its fields, its sealed secrets and how its deliveries go. */
export interface StoredChannel extends ChannelFields {
  id: number;
  sealed: SealedCredentials;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  pausedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChannelPage {
  total: number;
  items: StoredChannel[];
}

/** The `notification_channels` table. */
export abstract class ChannelStore {
  abstract list(page: { limit: number; offset: number }): Promise<ChannelPage>;
  abstract get(id: number): Promise<StoredChannel | null>;
  abstract nameTaken(name: string, exceptId: number | null): Promise<boolean>;
  abstract insert(fields: ChannelFields, sealed: SealedCredentials): Promise<StoredChannel>;
  abstract update(id: number, fields: ChannelFields, sealed: SealedCredentials): Promise<StoredChannel>;
  abstract delete(id: number): Promise<void>;
  /** One attempt's outcome: success resets the failure count, a failure adds one (its text redacted). */
  abstract recordAttempt(id: number, ok: boolean, error: string | null): Promise<void>;
  /** A rate limit: the channel's deliveries wait until `until`. */
  abstract pause(id: number, until: Date): Promise<void>;
}
