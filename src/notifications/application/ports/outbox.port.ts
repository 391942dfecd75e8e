import type { NotificationEvent } from '../../domain/notification-event';
import type { Subscription } from '../../domain/subscription';
import type { StoredChannel } from './channel-store.port';

/** One delivery claimed by this process: its event and its channel. */
export interface ClaimedDelivery {
  id: number;
  attempts: number;
  event: NotificationEvent;
  channel: StoredChannel;
}

/** One delivery of an event to a channel, as recorded (its error already redacted of the channel's secrets). */
export interface DeliveryRecord {
  id: number;
  status: 'PENDING' | 'SENT' | 'FAILED';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
  event: NotificationEvent;
}

/** An event another part of the service reports (the dead-man, a periodic check); `dedupeKey` once only. */
export interface NewEvent {
  kind: string;
  accountId: number | null;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
}

/**
 * The durable outbox: events (written by the database triggers, or `add`), turned into one delivery per
 * subscribed channel (`dispatch`), claimed under a lease with FOR UPDATE SKIP LOCKED (several processes
 * never take the same delivery), and settled.
 */
export abstract class Outbox {
  /** Fans undispatched events out to the channels that `match` says subscribe; returns how many events. */
  abstract dispatch(
    limit: number,
    match: (channel: Subscription, event: NotificationEvent) => boolean,
  ): Promise<number>;
  /** Due deliveries, oldest first, but none of `skipChannels` (channels this process is still sending to). */
  abstract claim(
    holder: string,
    leaseMs: number,
    limit: number,
    skipChannels?: number[],
  ): Promise<ClaimedDelivery[]>;
  /**
   * Renews the lease of a delivery this holder still holds, just before sending it; false when the lease has
   * lapsed (another process may have claimed it since): the caller must not send it.
   */
  abstract renew(id: number, holder: string, leaseMs: number): Promise<boolean>;
  abstract sent(id: number, holder: string): Promise<void>;
  /** Try again after `delayMs`; a rate limit (`counted` false) does not use up an attempt. */
  abstract retry(id: number, holder: string, delayMs: number, error: string, counted: boolean): Promise<void>;
  abstract failed(id: number, holder: string, error: string): Promise<void>;
  /** Gives this holder's unfinished leases back (shutdown), so another process takes them at once. */
  abstract release(holder: string): Promise<void>;
  /** Adds an event; false when its dedupe key was already used. */
  abstract add(event: NewEvent): Promise<boolean>;
  /** When the last alert (webhook signal) arrived, for the dead-man. */
  abstract lastAlertAt(): Promise<Date | null>;
  abstract deliveryCounts(
    channelIds: number[],
  ): Promise<Map<number, { pending: number; sent: number; failed: number }>>;
  /** A channel's latest deliveries, newest first. */
  abstract recentDeliveries(channelId: number, limit: number): Promise<DeliveryRecord[]>;
}
