import type { ChannelType } from '../../domain/channel-types';
import type { Secrets, Settings } from '../../domain/channel-validation';
import type { NotificationEvent, RenderedMessage } from '../../domain/notification-event';

/** A channel opened for one send: its settings and its secrets in the clear (never logged, never kept). */
export interface OpenChannel {
  type: ChannelType;
  settings: Settings;
  secrets: Secrets;
}

/** How one send went. `retryAfterMs`: the service's rate limit asked to wait (429). */
export type SendOutcome =
  | { ok: true; status: number | null }
  | { ok: false; status: number | null; error: string; retryAfterMs: number | null };

/** Sends one message over one channel (Telegram, Discord, Slack, signed webhook, SMTP). */
export abstract class ChannelTransport {
  abstract send(
    channel: OpenChannel,
    message: RenderedMessage,
    event: NotificationEvent,
  ): Promise<SendOutcome>;
}
