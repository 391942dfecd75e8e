import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FakeFault, FakeOptions, FakeOrderRecord, FakePlatform, FaultRule } from './fake-platform';

/*
 * The generic REST contract (seed 13C FTMO/Apex connectors), as this fake serves it under any base path:
 *   POST   {base}/orders            Authorization: Bearer <API key>, Idempotency-Key: <client order id>
 *          body: the normalized order {symbol, side BUY|SELL, quantity, order_type MARKET|LIMIT|STOP,
 *          entry_price?, stop_loss?, take_profit?, client_order_id, reduce_only?, ...}
 *          → 201 order; → 200 the same order (header Idempotent-Replayed: true) when the key was seen before.
 *          A MARKET order fills at once; LIMIT/STOP stay WORKING. stop_loss/take_profit create WORKING
 *          children (STOP/LIMIT, the other side) listed in bracket_order_ids. reduce_only fills at most the
 *          open position on the other side, else 422 NO_POSITION.
 *   GET    {base}/orders/{id}        → 200 order | 404
 *   GET    {base}/orders?client_order_id=X → 200 {orders: [order]}
 *   DELETE {base}/orders/{id}        → 200 order (CANCELLED) | 404 | 409 NOT_CANCELLABLE (not WORKING)
 *   GET    {base}/positions          → 200 {positions: {SYMBOL: net}}
 * order = {order_id, client_order_id, symbol, side, quantity, order_type, status FILLED|WORKING|CANCELLED,
 *          bracket_order_ids, parent_order_id, entry_price, stop_loss, take_profit}
 * Errors are {error: CODE, message}: 400 INVALID_ORDER, 401 UNAUTHORIZED (echoing the presented key, as
 * careless APIs do, so that redaction is exercised), 422 REJECTED (business rejection), 429/503.
 */

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
type Json = Record<string, unknown>;

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRestFake(opts: FakeOptions = {}): Promise<FakePlatform> {
  const fake = new RestFake(opts);
  await fake.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return fake;
}

class RestFake implements FakePlatform {
  readonly name = 'rest' as const;
  url = '';
  port = 0;
  private orderList: FakeOrderRecord[] = [];
  private byKey = new Map<string, FakeOrderRecord>();
  private net: Record<string, number> = {};
  private log: { method: string; path: string; at: number }[] = [];
  private faults: FaultRule[] = [];
  private nextId = 1000;
  private readonly server: Server;

  constructor(private readonly opts: FakeOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}`;
  }

  orders(): FakeOrderRecord[] {
    return this.orderList.map((o) => ({ ...o, bracketIds: [...o.bracketIds] }));
  }
  positions(): Record<string, number> {
    return { ...this.net };
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
    this.orderList = [];
    this.byKey.clear();
    this.net = {};
    this.log = [];
    this.faults = [];
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    this.log.push({ method: req.method ?? 'GET', path: url.pathname + url.search, at: now() });
    const fault = this.takeFault(url.pathname);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    if (fault && fault.kind !== 'slow') {
      if (this.faultReply(fault, req, res)) return;
      this.route(req, url, raw);
      if (fault.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"order_id": "ORD-');
      }
      return; // 'timeout': acted on, never answered
    }
    send(res, this.route(req, url, raw));
  }

  /** Answers (or drops) a faulted request without acting; false when the request must still be acted on. */
  private faultReply(fault: FakeFault, req: IncomingMessage, res: ServerResponse): boolean {
    switch (fault.kind) {
      case 'http':
        send(res, {
          status: fault.status,
          body: { error: `HTTP_${fault.status}`, message: 'fault injected' },
          headers: fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {},
        });
        return true;
      case 'penalty':
        send(res, {
          status: 429,
          body: { error: 'RATE_LIMITED', message: 'too many requests' },
          headers: { 'retry-after': String(fault.captcha ? 3600 : fault.pTime) },
        });
        return true;
      case 'expired-token':
        send(res, { status: 401, body: { error: 'UNAUTHORIZED', message: 'token expired' } });
        return true;
      case 'reject':
        send(res, { status: 422, body: { error: 'REJECTED', message: fault.reason ?? 'Order rejected' } });
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'timeout-before':
        return true;
      default:
        return false;
    }
  }

  private takeFault(path: string): FakeFault | undefined {
    const i = this.faults.findIndex((f) => !f.path || path.toLowerCase().includes(f.path.toLowerCase()));
    if (i < 0) return undefined;
    const rule = this.faults[i];
    if (rule.times !== undefined && --rule.times <= 0) this.faults.splice(i, 1);
    return rule.fault;
  }

  private route(req: IncomingMessage, url: URL, raw: string): Reply {
    const denied = this.authorize(req);
    if (denied) return denied;
    const method = req.method ?? 'GET';
    if (/\/positions$/.test(url.pathname) && method === 'GET') return ok({ positions: this.positions() });
    const m = /\/orders(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return error(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`);
    const id = m[1] ? decodeURIComponent(m[1]) : undefined;
    if (method === 'POST' && !id) return this.create(req, raw);
    if (method === 'GET' && !id) {
      const clientId = url.searchParams.get('client_order_id');
      return ok({ orders: this.orderList.filter((o) => o.clientOrderId === clientId).map(view) });
    }
    const order = this.orderList.find((o) => o.id === id);
    if (!order) return error(404, 'NOT_FOUND', `order ${id} not found`);
    if (method === 'GET') return ok(view(order));
    if (method !== 'DELETE') return error(405, 'METHOD_NOT_ALLOWED', method);
    if (order.status !== 'WORKING') return error(409, 'NOT_CANCELLABLE', `order ${id} is ${order.status}`);
    order.status = 'CANCELLED';
    return ok(view(order));
  }

  private authorize(req: IncomingMessage): Reply | undefined {
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expected = this.opts.credentials?.apiKey;
    if (presented && (expected === undefined || presented === expected)) return undefined;
    return {
      status: 401,
      body: { error: 'UNAUTHORIZED', message: `invalid API key ${presented ?? ''}`.trim() },
    };
  }

  private create(req: IncomingMessage, raw: string): Reply {
    const key = req.headers['idempotency-key'];
    const seen = typeof key === 'string' ? this.byKey.get(key) : undefined;
    if (seen) return { status: 200, body: view(seen), headers: { 'idempotent-replayed': 'true' } };
    const body = parseJson(raw);
    const problems = body ? validate(body) : ['body must be a JSON object'];
    if (!body || problems.length > 0) return error(400, 'INVALID_ORDER', problems.join('; '));
    let quantity = Number(body.quantity);
    const side = body.side as 'BUY' | 'SELL';
    const symbol = String(body.symbol).toUpperCase();
    if (body.reduce_only === true) {
      const open = this.net[symbol] ?? 0;
      const reducible = side === 'SELL' ? Math.max(open, 0) : Math.max(-open, 0);
      if (reducible === 0) return error(422, 'NO_POSITION', `no ${symbol} position to reduce`);
      quantity = Math.min(quantity, reducible);
    }
    const type = String(body.order_type);
    const order = this.record(symbol, side, quantity, type, body, typeof key === 'string' ? key : null);
    if (type === 'MARKET') this.fill(order);
    const exitSide = side === 'BUY' ? 'SELL' : 'BUY';
    if (body.stop_loss !== undefined)
      order.bracketIds.push(this.child(order, exitSide, 'STOP', body.stop_loss).id);
    if (body.take_profit !== undefined) {
      order.bracketIds.push(this.child(order, exitSide, 'LIMIT', body.take_profit).id);
    }
    if (typeof key === 'string') this.byKey.set(key, order);
    return { status: 201, body: view(order) };
  }

  private record(
    symbol: string,
    side: 'BUY' | 'SELL',
    quantity: number,
    type: string,
    body: Json,
    clientOrderId: string | null,
  ): FakeOrderRecord {
    const order: FakeOrderRecord = {
      id: `ORD-${this.nextId++}`,
      clientOrderId:
        clientOrderId ?? (typeof body.client_order_id === 'string' ? body.client_order_id : null),
      symbol,
      side,
      quantity,
      type,
      status: 'WORKING',
      bracketIds: [],
      body,
      receivedAt: now(),
    };
    this.orderList.push(order);
    return order;
  }

  private child(
    parent: FakeOrderRecord,
    side: 'BUY' | 'SELL',
    type: string,
    price: unknown,
  ): FakeOrderRecord {
    return this.record(
      parent.symbol,
      side,
      parent.quantity,
      type,
      { parent_order_id: parent.id, price },
      null,
    );
  }

  private fill(order: FakeOrderRecord): void {
    order.status = 'FILLED';
    const signed = order.side === 'BUY' ? order.quantity : -order.quantity;
    this.net[order.symbol] = (this.net[order.symbol] ?? 0) + signed;
  }
}

function view(o: FakeOrderRecord): Json {
  const body = (o.body ?? {}) as Json;
  return {
    order_id: o.id,
    client_order_id: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    quantity: o.quantity,
    order_type: o.type,
    status: o.status,
    bracket_order_ids: o.bracketIds,
    parent_order_id: body.parent_order_id ?? null,
    entry_price: body.entry_price ?? body.price ?? null,
    stop_loss: body.stop_loss ?? null,
    take_profit: body.take_profit ?? null,
  };
}

function validate(b: Json): string[] {
  const problems: string[] = [];
  if (typeof b.symbol !== 'string' || !b.symbol.trim()) problems.push('symbol is required');
  if (b.side !== 'BUY' && b.side !== 'SELL') problems.push('side must be BUY or SELL');
  if (typeof b.quantity !== 'number' || !(b.quantity > 0)) problems.push('quantity must be a number > 0');
  if (!['MARKET', 'LIMIT', 'STOP'].includes(String(b.order_type))) {
    problems.push('order_type must be MARKET, LIMIT or STOP');
  }
  return problems;
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

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function error(status: number, code: string, message: string): Reply {
  return { status, body: { error: code, message } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
  res.end(JSON.stringify(reply.body));
}
