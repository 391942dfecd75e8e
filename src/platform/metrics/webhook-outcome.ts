/** A webhook answer, as the `proprouter_webhook_requests_total` labels name it. */
export interface WebhookOutcome {
  outcome: 'accepted' | 'duplicate' | 'refused' | 'failed';
  reason: string;
}

const REFUSALS: Record<number, string> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** 202 accepted (queued), 200 duplicate, a 4xx/503 refused with its reason, anything else failed. */
export function webhookOutcome(status: number): WebhookOutcome {
  if (status === 202) return { outcome: 'accepted', reason: 'queued' };
  if (status === 200) return { outcome: 'duplicate', reason: 'seen_before' };
  const reason = REFUSALS[status];
  if (reason) return { outcome: 'refused', reason };
  if (status >= 400 && status < 500) return { outcome: 'refused', reason: `http_${status}` };
  return { outcome: 'failed', reason: `http_${status}` };
}
