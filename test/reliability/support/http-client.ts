import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface RawResponse {
  /** 0 when the request failed without an answer (connection refused, reset, timeout). */
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  contentType: string;
  ms: number;
  error?: string;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * Raw HTTP over keep-alive sockets: any method, any content type, any bytes. Never throws; a request that
 * gets no answer comes back with status 0 and the error, so a fuzz run counts it instead of dying.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets = 16) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: string, path: string, opts: SendOptions = {}): Promise<RawResponse> {
    const started = performance.now();
    const headers: Record<string, string | number> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
    return new Promise((resolve) => {
      const done = (r: Omit<RawResponse, 'ms'>) => resolve({ ...r, ms: performance.now() - started });
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers,
          agent: this.agent,
          timeout: opts.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          const contentType = String(res.headers['content-type'] ?? '');
          // an event stream never ends: what it sends in its first moments is its answer
          if (contentType.startsWith('text/event-stream')) {
            setTimeout(() => {
              res.destroy();
              const text = Buffer.concat(chunks).toString('utf8');
              done({ status: res.statusCode ?? 0, text, json: undefined, contentType });
            }, STREAM_READ_MS);
            return;
          }
          res.on('error', (e) => done(failure(e)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            done({
              status: res.statusCode ?? 0,
              text,
              json: parseJson(text),
              contentType: String(res.headers['content-type'] ?? ''),
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 10_000} ms`)));
      req.on('error', (e) => done(failure(e)));
      req.end(opts.body);
    });
  }

  json(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    return this.send(method, path, {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** How long an event stream (GET /api/events) is read before the client hangs up. */
const STREAM_READ_MS = 150;

function failure(e: Error): Omit<RawResponse, 'ms'> {
  return { status: 0, text: '', json: undefined, contentType: '', error: e.message };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight; results in input order. */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** True for an error answer the API promises: 4xx/5xx with a JSON object body naming the status. */
export function isJsonError(r: RawResponse): boolean {
  const body = r.json as { statusCode?: unknown; message?: unknown } | undefined;
  return (
    r.contentType.includes('application/json') &&
    typeof body === 'object' &&
    body !== null &&
    body.statusCode === r.status &&
    typeof body.message === 'string'
  );
}
