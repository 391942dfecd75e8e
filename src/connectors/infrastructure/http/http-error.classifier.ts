import { isAxiosError } from 'axios';
import type { ClientRequest } from 'node:http';
import { ConnectorError } from '../../domain/connector-errors';

export interface ClassifyOptions {
  /** True for calls that change state on the platform (place, cancel, close): their outcome can be unknown. */
  write: boolean;
  /** Turns a platform's error body into its text; defaults to `message`/`errorText`/`error` fields. */
  describe?: (body: unknown) => string | undefined;
}

/** Connection failures where the request certainly never reached the platform. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Failures after connecting: harmless if the request was not fully written, unknown if it was. */
const CUT_OFF = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Classes an HTTP failure (axios error, or anything thrown around an HTTP call) into a ConnectorError kind:
 * 429/503, refused connections and resets before the request was sent → TRANSIENT (Retry-After honoured);
 * a timeout or reset after the request was sent, a 5xx or an unparseable body on a write → UNKNOWN_OUTCOME;
 * 401/403 → FATAL; other 4xx → REJECTED with the platform's text. Reads are never "unknown": they retry.
 */
export function classifyHttpError(err: unknown, opts: ClassifyOptions): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (!isAxiosError(err)) {
    const message = `unexpected error: ${errorText(err)}`;
    return opts.write ? ConnectorError.unknownOutcome(message) : ConnectorError.transient(message);
  }
  const response = err.response;
  if (err.code === 'ERR_BAD_RESPONSE' && (!response || response.status < 400)) {
    return malformedResponse(response?.data, opts.write);
  }
  if (response) return classifyStatus(response.status, response.headers, response.data, opts);
  const code = err.code ?? '';
  if (NEVER_CONNECTED.has(code)) return ConnectorError.transient(`${code}: platform unreachable`);
  const sent = requestWasSent(err.request);
  if (CUT_OFF.has(code) || /timeout|socket hang up/i.test(err.message)) {
    const what = /timeout/i.test(err.message) || code === 'ETIMEDOUT' ? 'timeout' : 'connection reset';
    if (sent && opts.write)
      return ConnectorError.unknownOutcome(`${what} after the request was sent (${code})`);
    return ConnectorError.transient(`${what} (${code})`);
  }
  if (sent && opts.write)
    return ConnectorError.unknownOutcome(`network error after sending (${code || err.message})`);
  return ConnectorError.transient(`network error (${code || err.message})`);
}

/** For a 2xx whose body is not the JSON object the platform documents. */
export function malformedResponse(body: unknown, write: boolean): ConnectorError {
  const message = 'malformed response: body is not the expected JSON';
  const details = { rawResponse: typeof body === 'string' ? body.slice(0, 500) : body };
  return write ? ConnectorError.unknownOutcome(message, details) : ConnectorError.transient(message, details);
}

/** The body as a JSON object, or a malformed-response ConnectorError (axios may hand back a raw string). */
export function requireJsonObject(body: unknown, write: boolean): Record<string, unknown> {
  if (body !== null && typeof body === 'object' && !Array.isArray(body))
    return body as Record<string, unknown>;
  throw malformedResponse(body, write);
}

function classifyStatus(
  status: number,
  headers: unknown,
  body: unknown,
  opts: ClassifyOptions,
): ConnectorError {
  const text = (opts.describe ?? describeBody)(body) ?? `HTTP ${status}`;
  const details = { httpStatus: status, rawResponse: body };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'));
    return ConnectorError.transient(`HTTP ${status}: ${text}`, { ...details, retryAfterMs });
  }
  if (status === 401 || status === 403) return ConnectorError.fatal(`HTTP ${status}: ${text}`, details);
  if (status === 408) {
    return opts.write
      ? ConnectorError.unknownOutcome(`HTTP 408: ${text}`, details)
      : ConnectorError.transient(`HTTP 408: ${text}`, details);
  }
  if (status >= 400 && status < 500) return ConnectorError.rejected(text, details);
  return opts.write
    ? ConnectorError.unknownOutcome(`HTTP ${status}: ${text}`, details)
    : ConnectorError.transient(`HTTP ${status}: ${text}`, details);
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  return v === undefined || v === null ? undefined : String(v);
}

function describeBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.slice(0, 300) : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const k of ['message', 'errorText', 'errorMessage', 'failureText', 'error']) {
    if (typeof b[k] === 'string' && b[k]) return b[k] as string;
  }
  return undefined;
}

/** Whether the whole request left this process (Node's ClientRequest, possibly behind follow-redirects). */
function requestWasSent(request: unknown): boolean {
  if (!request || typeof request !== 'object') return false;
  const r = request as { _currentRequest?: ClientRequest } & Partial<ClientRequest>;
  const req = r._currentRequest ?? r;
  return req.writableFinished === true;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
