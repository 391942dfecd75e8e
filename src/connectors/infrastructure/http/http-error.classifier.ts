import type { IncomingHttpHeaders } from 'node:http';
import { ConnectorError } from '../../domain/connector-errors';
import { PlatformHttpError } from './platform-http-client';

export interface ClassifyOptions {
  /** True for calls that change state on the platform (place, cancel, close): their outcome can be unknown. */
  write: boolean;
  /** Turns a platform's error body into its text; defaults to `message`/`errorText`/`error` fields. */
  describe?: (body: unknown) => string | undefined;
}

/** Connection failures where the request certainly never reached the platform. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Failures after connecting: harmless if the request was not written, unknown if it was. */
const CUT_OFF = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_ABORTED',
  'UND_ERR_INFO',
  'ABORTED',
]);

/**
 * Classes an HTTP failure (a PlatformHttpError, or anything thrown around an HTTP call) into a ConnectorError
 * kind: 429/503, refused connections and resets before the request was sent → TRANSIENT (Retry-After
 * honoured); a timeout or reset after the request was sent, a 5xx or an unparseable body on a write →
 * UNKNOWN_OUTCOME; 401/403 → FATAL; other 4xx → REJECTED with the platform's text. Reads are never
 * "unknown": they retry.
 */
export function classifyHttpError(err: unknown, opts: ClassifyOptions): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (!(err instanceof PlatformHttpError)) {
    const message = `unexpected error: ${errorText(err)}`;
    return opts.write ? ConnectorError.unknownOutcome(message) : ConnectorError.transient(message);
  }
  const { response, code, sent } = err;
  if (response) return classifyStatus(response.status, response.headers, response.data, opts);
  if (NEVER_CONNECTED.has(code)) return ConnectorError.transient(`${code}: platform unreachable`);
  if (err.timedOut || CUT_OFF.has(code)) {
    const what = err.timedOut ? 'timeout' : code === 'ABORTED' ? 'cancelled' : 'connection reset';
    if (sent && opts.write)
      return ConnectorError.unknownOutcome(`${what} after the request was sent (${code})`);
    return ConnectorError.transient(`${what} (${code})`);
  }
  if (sent && opts.write) return ConnectorError.unknownOutcome(`network error after sending (${code})`);
  return ConnectorError.transient(`network error (${code})`);
}

/** For a 2xx whose body is not the JSON object the platform documents. */
export function malformedResponse(body: unknown, write: boolean): ConnectorError {
  const message = 'malformed response: body is not the expected JSON';
  const details = { rawResponse: typeof body === 'string' ? body.slice(0, 500) : body };
  return write ? ConnectorError.unknownOutcome(message, details) : ConnectorError.transient(message, details);
}

/** A 2xx answer's text as JSON, or a malformed-response ConnectorError. */
export function parseJsonBody(text: string, write: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformedResponse(text, write);
  }
}

/** The body as a JSON object, or a malformed-response ConnectorError. */
export function requireJsonObject(body: unknown, write: boolean): Record<string, unknown> {
  if (body !== null && typeof body === 'object' && !Array.isArray(body))
    return body as Record<string, unknown>;
  throw malformedResponse(body, write);
}

function classifyStatus(
  status: number,
  headers: IncomingHttpHeaders,
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

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
