import { guardedFetch, OutboundRefused } from '../../../platform/http/outbound-guard';
import type { SendOutcome } from '../../application/ports/channel-transport.port';

/** Seconds from a Retry-After header or a JSON `retry_after` (Telegram: parameters.retry_after), as ms. */
export function retryAfterMs(headers: Headers, body: unknown): number | null {
  const fromBody = body as { retry_after?: unknown; parameters?: { retry_after?: unknown } } | null;
  const candidates = [fromBody?.parameters?.retry_after, fromBody?.retry_after, headers.get('retry-after')];
  for (const c of candidates) {
    const n = typeof c === 'number' ? c : typeof c === 'string' && c.trim() !== '' ? Number(c) : NaN;
    if (Number.isFinite(n) && n >= 0) return Math.ceil(n * 1000);
  }
  return null;
}

/** Why a request never got an answer, without its URL (webhook URLs hold secrets). */
function networkError(err: unknown): string {
  if (err instanceof OutboundRefused) return `address ${err.message}`;
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
  return `network error (${e.cause?.code ?? 'unreachable'})`;
}

/**
 * POSTs a JSON body and classes the answer: 2xx sent; 429 rate limited (with the wait asked for); any other
 * status or a network failure an error naming the status (and `describe`'s reading of the body), never the URL.
 */
export async function postJson(
  url: string,
  body: string,
  opts: { timeoutMs: number; headers?: Record<string, string>; describe?: (body: unknown) => string | null },
): Promise<SendOutcome> {
  let res: Response;
  try {
    // a redirect is not followed (it is an answer, a failed send): a POST is not replayed somewhere else
    res = await guardedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs),
      maxRedirects: 0,
    });
  } catch (err) {
    return { ok: false, status: null, error: networkError(err), retryAfterMs: null };
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return { ok: true, status: res.status };
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  const detail = opts.describe?.(parsed) ?? null;
  const error = `HTTP ${res.status}${detail ? `: ${detail.slice(0, 200)}` : ''}`;
  return {
    ok: false,
    status: res.status,
    error,
    retryAfterMs: res.status === 429 ? (retryAfterMs(res.headers, parsed) ?? 1000) : null,
  };
}
