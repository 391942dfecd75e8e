import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import Decimal from 'decimal.js';
import type { FakeFault, FakeOptions, FakeOrderRecord, FakePlatform, FaultRule } from './fake-platform';
import { FakeMarket } from './fake-market';

/**
 * The HTTP scaffolding the three loopback fakes share: a server on 127.0.0.1 (port 0 = any free port), JSON
 * bodies, a request log, switchable faults and close. A fake extends it with its platform's shapes only:
 * `route` answers a request, `faultReply` answers a fault in the platform's own error shape.
 */

export type Json = Record<string, unknown>;

export interface Reply {
  status: number;
  /** Sent as JSON; no body when absent. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  /** The path as the fake routes it (see `routePath`); faults match it case-insensitively. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body parsed as a JSON object, or null. */
  body: Json | null;
  raw: string;
  /** performance.timeOrigin + performance.now() when the request arrived (ms, fractional). */
  at: number;
}

/** Faults whose request is never acted on and answered (or dropped) without the platform's shapes. */
type Handled = 'slow' | 'timeout' | 'timeout-before' | 'reset' | 'malformed';
export type ShapedFault = Exclude<FakeFault, { kind: Handled }>;

export const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export abstract class HttpFake implements FakePlatform {
  abstract readonly name: FakePlatform['name'];
  url = '';
  port = 0;
  /** Prices, working stops/limits, balances, positions and fills per account (issue 14). */
  readonly market: FakeMarket;
  private readonly server: Server;
  private log: { method: string; path: string; at: number }[] = [];
  private faults: FaultRule[] = [];

  /** The body a `malformed` fault answers with: the start of a JSON answer, cut off. */
  protected abstract readonly malformedBody: string;

  constructor(
    protected readonly opts: FakeOptions,
    /** Appended to `url` (Tradovate serves under /v1). */
    private readonly basePath = '',
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!this.upgrade(req, socket, head)) socket.destroy();
    });
    this.market = new FakeMarket(opts.accounts);
  }

  async listen(): Promise<this> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}${this.basePath}`;
    return this;
  }

  abstract orders(): FakeOrderRecord[];
  abstract positions(): Record<string, number>;
  abstract accountPositions(): Record<string, Record<string, number>>;

  setPrice(symbol: string, price: Decimal.Value): void {
    this.market.setPrice(symbol, price);
  }

  requests(): { method: string; path: string; at: number }[] {
    return [...this.log];
  }
  addFault(rule: FaultRule): void {
    this.faults.push({ ...rule });
  }
  clearFaults(): void {
    this.faults = [];
  }
  reset(): void {
    this.log = [];
    this.faults = [];
    this.market.clear();
    this.resetState();
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forget the platform's orders, positions and sessions. */
  protected abstract resetState(): void;
  protected abstract route(request: FakeRequest): Reply;
  /** The answer to a fault that is not acted on, in the platform's shape; null leaves it unanswered. */
  protected abstract faultReply(fault: ShapedFault, request: FakeRequest): Reply | null;

  /** Takes a WebSocket upgrade request (a platform's stream); false (the default) refuses it. */
  protected upgrade(_req: IncomingMessage, _socket: Duplex, _head: Buffer): boolean {
    return false;
  }

  /** The fake's own `/_fake/<name>` controls (its faults), tried before the market's; undefined: none. */
  protected fakeControl(_name: string, _body: Json | null): Reply | undefined {
    return undefined;
  }

  /** The path the fake routes on; the URL's own path by default. */
  protected routePath(pathname: string): string {
    return pathname;
  }

  /** Which faults may apply to this request (asked once per request, before a fault is taken). */
  protected faultFilter(_request: FakeRequest): (fault: FakeFault) => boolean {
    return () => true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url?.includes('/_fake/')) return this.control(req, res);
    const request = await this.read(req);
    const fault = this.takeFault(request);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    if (!fault || fault.kind === 'slow') return send(res, this.route(request));
    switch (fault.kind) {
      case 'timeout': // acted on, never answered
        return void this.route(request);
      case 'malformed':
        this.route(request);
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(this.malformedBody);
      case 'reset':
        return void req.socket.destroy();
      case 'timeout-before':
        return;
      default: {
        const reply = this.faultReply(fault, request);
        if (reply) send(res, reply);
      }
    }
  }

  /** The market's control routes: no auth, no faults, not logged. */
  private async control(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const name = /\/_fake\/([a-z-]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
    const body = req.method === 'POST' ? parseJson(await readBody(req)) : null;
    const reply =
      req.method === 'POST' ? (this.fakeControl(name, body) ?? this.market.control(path, body)) : undefined;
    send(res, reply ?? { status: 404, body: { error: 'NOT_FOUND', message: `no control ${path}` } });
  }

  private async read(req: IncomingMessage): Promise<FakeRequest> {
    const at = now();
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    this.log.push({ method, path: url.pathname + url.search, at });
    const path = this.routePath(url.pathname);
    return { method, path, query: url.searchParams, headers: req.headers, body: parseJson(raw), raw, at };
  }

  private takeFault(request: FakeRequest): FakeFault | undefined {
    const applies = this.faultFilter(request);
    const path = request.path.toLowerCase();
    const i = this.faults.findIndex(
      (f) => (!f.path || path.includes(f.path.toLowerCase())) && applies(f.fault),
    );
    if (i < 0) return undefined;
    const rule = this.faults[i];
    if (rule.times !== undefined && --rule.times <= 0) this.faults.splice(i, 1);
    return rule.fault;
  }
}

/** The bearer token of a request, if any. */
export function bearer(request: FakeRequest): string | undefined {
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

function parseJson(raw: string): Json | null {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}
