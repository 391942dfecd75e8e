import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { callSignal } from '../../application/call-context';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One platform call, as the adapters build it (and as the REST adapter records it in `raw_request`). */
export interface PlatformHttpRequest {
  method: HttpMethod;
  /** Absolute URL under the client's origin, e.g. `https://demo.tradovateapi.com/v1/order/placeorder`. */
  url: string;
  params?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  /** Sent as JSON (`Content-Type: application/json` unless the headers name another). */
  data?: unknown;
}

/** A 2xx answer: its body as text (the adapters parse it; a body that is not JSON is then "malformed"). */
export interface PlatformHttpResponse {
  status: number;
  text: string;
}

/** The answer of a failed exchange, when there was one: status, headers and the body (JSON or raw text). */
export interface PlatformHttpErrorResponse {
  status: number;
  headers: IncomingHttpHeaders;
  data: unknown;
}

/**
 * A platform call that failed: a non-2xx answer (`response`), or a transport failure with the code of its
 * cause (`ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, `ETIMEDOUT` for the request's own timeout, …) and
 * whether the request had been handed to the socket before it failed (`sent`). The message names the
 * method, the path and the code; never a header or a body, so it carries no secret.
 */
export class PlatformHttpError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly sent: boolean,
    readonly timedOut: boolean,
    readonly response?: PlatformHttpErrorResponse,
  ) {
    super(message);
    this.name = 'PlatformHttpError';
  }
}

/** The code this client gives a request that reached its own timeout (axios used ECONNABORTED). */
export const REQUEST_TIMEOUT = 'ETIMEDOUT';
/** The code of a request cancelled by its gateway call's signal (the attempt timed out or the window closed). */
export const REQUEST_CANCELLED = 'ABORTED';

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * An HTTP client for one platform origin with one per-request timeout, over that origin's keep-alive pool
 * (undici, TCP_NODELAY). Redirects are never followed (a 3xx is an error answer like a 4xx); a request ends
 * at its own timeout, and one not yet written when the current gateway call's abort signal fires is never
 * written.
 */
export class PlatformHttpClient {
  constructor(
    private readonly pool: Dispatcher,
    readonly origin: string,
    readonly timeoutMs: number,
  ) {}

  request(req: PlatformHttpRequest): Promise<PlatformHttpResponse> {
    const path = this.pathOf(req.url);
    if (path === null) return Promise.reject(new Error(`${req.method} ${req.url}: not under ${this.origin}`));
    const body = req.data === undefined ? null : JSON.stringify(req.data);
    const headers =
      body === null || hasContentType(req.headers) ? req.headers : { ...JSON_TYPE, ...req.headers };
    return new Promise((resolve, reject) => {
      const exchange = new Exchange(`${req.method} ${stripQuery(path)}`, resolve, reject);
      const signal = callSignal();
      if (!exchange.start(this.timeoutMs, signal)) return; // its call was cancelled: never sent
      this.pool.dispatch({ method: req.method, path, query: req.params, headers, body }, exchange);
      // a request on an idle keep-alive connection is written inside dispatch: only one still waiting for
      // a connection listens to its call's signal (an abort leaves a written request alone anyway)
      exchange.listen(signal);
    });
  }

  /** The path (and query) of `url` on this origin; a plain prefix test, a URL parse only for odd spellings. */
  private pathOf(url: string): string | null {
    if (url.startsWith(this.origin)) {
      const rest = url.slice(this.origin.length);
      if (rest === '') return '/';
      if (rest[0] === '/') return rest;
    }
    try {
      const parsed = new URL(url);
      return parsed.origin === this.origin ? `${parsed.pathname}${parsed.search}` : null;
    } catch {
      return null;
    }
  }
}

function hasContentType(headers: Record<string, string> | undefined): boolean {
  if (!headers) return false;
  for (const k in headers) if (k.length === 12 && k.toLowerCase() === 'content-type') return true;
  return false;
}

/**
 * One request's undici handler: collects the answer, runs the timeout and the call signal, and knows whether
 * the request was written (undici writes a request with a buffered body right after `onRequestStart`).
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private signal: AbortSignal | undefined;
  private cancelled: PlatformHttpError | null = null;
  private sent = false;
  private settled = false;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly what: string,
    private readonly resolve: (r: PlatformHttpResponse) => void,
    private readonly reject: (e: PlatformHttpError) => void,
  ) {}

  /** Arms the timeout; false (and rejected) when the signal has already fired. */
  start(timeoutMs: number, signal: AbortSignal | undefined): boolean {
    if (signal?.aborted) {
      this.cancel(REQUEST_CANCELLED, 'cancelled by its call');
      return false;
    }
    this.timer = setTimeout(this.onTimeout, timeoutMs);
    return true;
  }

  /** After dispatch: a request not yet written (nor settled) is cancelled when its call's signal fires. */
  listen(signal: AbortSignal | undefined): void {
    if (!signal || this.sent || this.settled) return;
    if (signal.aborted) {
      this.onAbort();
      return;
    }
    this.signal = signal;
    signal.addEventListener('abort', this.onAbort);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.cancelled) {
      controller.abort(this.cancelled);
      return;
    }
    this.controller = controller;
    this.sent = true;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text =
      this.chunks.length === 1
        ? this.chunks[0].toString('utf8')
        : Buffer.concat(this.chunks).toString('utf8');
    if (this.status >= 200 && this.status < 300) {
      if (this.finish()) this.resolve({ status: this.status, text });
      return;
    }
    const response = { status: this.status, headers: this.headers, data: parseOrText(text) };
    const error = new PlatformHttpError(`${this.what}: HTTP ${this.status}`, '', true, false, response);
    if (this.finish()) this.reject(error);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error): void {
    if (err === this.cancelled) return; // already rejected
    const code = (err as { code?: unknown }).code;
    const c = typeof code === 'string' && code ? code : err.name;
    const timedOut = /TIMEOUT|TIMEDOUT/i.test(c);
    const error = new PlatformHttpError(`${this.what}: ${c}`, c, this.sent, timedOut);
    if (this.finish()) this.reject(error);
  }

  private readonly onTimeout = (): void => {
    this.timer = null;
    this.cancel(REQUEST_TIMEOUT, 'timeout');
  };

  /**
   * The call gave up (its attempt timed out or its send window closed): a request not yet written is then
   * never written. One already written runs to its own timeout, as the caller's policy expects (the policy
   * has answered the call already; the lane and the window are its business, not the socket's).
   */
  private readonly onAbort = (): void => {
    if (!this.sent) this.cancel(REQUEST_CANCELLED, 'cancelled by its call');
  };

  /** Rejects now; the request is aborted where it is, or, if not yet on a socket, when it gets one. */
  private cancel(code: string, why: string): void {
    const timedOut = code === REQUEST_TIMEOUT;
    this.cancelled = new PlatformHttpError(`${this.what}: ${why} (${code})`, code, this.sent, timedOut);
    if (!this.finish()) return;
    this.reject(this.cancelled);
    this.controller?.abort(this.cancelled);
  }

  /** Marks the exchange settled (false when it already was) and drops its timer and signal listener. */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }
}

function parseOrText(text: string): unknown {
  if (!text) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}
