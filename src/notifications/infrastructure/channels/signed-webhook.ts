import { createHmac } from 'node:crypto';
import type { NotificationEvent, RenderedMessage } from '../../domain/notification-event';

export const SIGNATURE_HEADER = 'x-proprouter-signature';
export const TIMESTAMP_HEADER = 'x-proprouter-timestamp';

/**
 * The generic webhook's body and headers. The signature is HMAC-SHA256 over `<timestamp>.<body>` with the
 * channel's signing secret, hex, as `sha256=<hex>`; the receiver recomputes it over the raw body, compares in
 * constant time and refuses timestamps older than a few minutes (replays).
 */
export function signedWebhook(
  event: NotificationEvent,
  m: RenderedMessage,
  signingSecret: string,
  now: Date,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    id: event.id,
    kind: event.kind,
    occurred_at: event.occurredAt.toISOString(),
    account_id: event.accountId,
    title: m.title,
    text: m.text,
    link: m.link,
    data: event.payload,
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac('sha256', signingSecret).update(`${timestamp}.${body}`).digest('hex');
  return {
    body,
    headers: {
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: `sha256=${signature}`,
      'x-proprouter-event': event.kind,
      'x-proprouter-event-id': String(event.id),
    },
  };
}
