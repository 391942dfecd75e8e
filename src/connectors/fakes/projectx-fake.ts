import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FakeFault, FakeOptions, FakeOrderRecord, FakePlatform, FaultRule } from './fake-platform';

/*
 * A loopback ProjectX Gateway (gateway.docs.projectx.com shapes): every call is a POST with a JSON body and
 * every answer carries {success, errorCode, errorMessage}; a missing, unknown or expired token gets 401.
 *   /api/Auth/loginKey {userName, apiKey} → {token} (a JWT whose `exp` is `tokenTtlS` away, default 24 h)
 *   /api/Auth/validate (Bearer) → {newToken}
 *   /api/Contract/search {searchText, live} → contracts whose name/description/symbol contain the text
 *   /api/Order/place {accountId, contractId, type 1|2|4, side 0|1, size, limitPrice, stopPrice, customTag,
 *        stopLossBracket, takeProfitBracket} → {orderId}. customTag must be unique per account. Bracket
 *        ticks are signed as this fake reads the platform: long stop < 0 < long target, reversed for a short.
 *        Market orders fill at once at the contract's mark and open their brackets (Stop/Limit, other side).
 *   /api/Order/cancel {accountId, orderId}, /api/Order/search {accountId, startTimestamp, endTimestamp?},
 *   /api/Order/searchOpen {accountId}, /api/Position/searchOpen {accountId} (type 1 long, 2 short),
 *   /api/Position/closeContract {accountId, contractId}, /api/Position/partialCloseContract (+ size).
 * Order status codes: 1 Open, 2 Filled, 3 Cancelled. Credentials checked: `userName`, `apiKey`.
 */

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Contract {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId: string;
  mark: number;
}
interface PxOrder {
  record: FakeOrderRecord;
  id: number;
  accountId: number;
  contract: Contract;
  created: string;
  status: number;
  type: number;
  side: number;
  limitPrice: number | null;
  stopPrice: number | null;
  customTag: string | null;
}

const STATUS = { Open: 1, Filled: 2, Cancelled: 3 } as const;
const STATUS_NAME: Record<number, string> = { 1: 'Open', 2: 'Filled', 3: 'Cancelled' };
const TYPE_NAME: Record<number, string> = { 1: 'Limit', 2: 'Market', 4: 'Stop' };
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function catalog(): Contract[] {
  const c = (
    id: string,
    name: string,
    description: string,
    tickSize: number,
    tickValue: number,
    mark: number,
  ) => ({
    id,
    name,
    description,
    tickSize,
    tickValue,
    mark,
    activeContract: !id.endsWith('H26'),
    symbolId: id.split('.').slice(1, 4).join('.'),
  });
  return [
    c('CON.F.US.ENQ.Z25', 'NQZ5', 'E-mini NASDAQ-100: December 2025', 0.25, 5, 18000),
    c('CON.F.US.ENQ.H26', 'NQH6', 'E-mini NASDAQ-100: March 2026', 0.25, 5, 18100),
    c('CON.F.US.MNQ.Z25', 'MNQZ5', 'Micro E-mini Nasdaq-100: December 2025', 0.25, 0.5, 18000),
    c('CON.F.US.NQG.Z25', 'NQGZ5', 'E-Mini Natural Gas: December 2025', 0.005, 12.5, 3.5),
    c('CON.F.US.EP.Z25', 'ESZ5', 'E-mini S&P 500: December 2025', 0.25, 12.5, 5000),
    c('CON.F.US.MES.Z25', 'MESZ5', 'Micro E-mini S&P 500: December 2025', 0.25, 1.25, 5000),
    c('CON.F.US.CLE.Z25', 'CLZ5', 'Crude Light: December 2025', 0.01, 10, 70),
    c('CON.F.US.GCE.Z25', 'GCZ5', 'Gold: December 2025', 0.1, 10, 2000),
  ];
}

export async function startProjectXFake(opts: FakeOptions = {}): Promise<FakePlatform> {
  const fake = new ProjectXFake(opts);
  await fake.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return fake;
}

class ProjectXFake implements FakePlatform {
  readonly name = 'projectx' as const;
  url = '';
  port = 0;
  private readonly server: Server;
  private readonly ttlMs: number;
  private readonly contracts = catalog();
  private tokens = new Map<string, number>();
  private orderMap = new Map<number, PxOrder>();
  private net = new Map<string, { accountId: number; size: number; average: number; created: string }>();
  private log: { method: string; path: string; at: number }[] = [];
  private faults: FaultRule[] = [];
  private nextId = 9001;

  constructor(private readonly opts: FakeOptions) {
    this.ttlMs = (opts.tokenTtlS ?? 24 * 3600) * 1000;
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
    return [...this.orderMap.values()].map((o) => ({ ...o.record, bracketIds: [...o.record.bracketIds] }));
  }
  positions(): Record<string, number> {
    const name = (id: string) => this.contracts.find((c) => c.id === id)?.name ?? id;
    return Object.fromEntries([...this.net].map(([id, p]) => [name(id), p.size]));
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
    this.tokens.clear();
    this.orderMap.clear();
    this.net.clear();
    this.log = [];
    this.faults = [];
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = now();
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.toLowerCase();
    this.log.push({ method: req.method ?? 'POST', path: url.pathname, at: arrived });
    const fault = this.takeFault(path);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    const act = () => this.route(req, path, parseJson(raw), arrived);
    if (!fault || fault.kind === 'slow') return send(res, act());
    if (fault.kind === 'timeout') return void act();
    if (fault.kind === 'malformed') {
      act();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"orderId": 90');
      return;
    }
    this.faultReply(fault, req, res);
  }

  /** A faulted request that is not acted on: answered in the fault's shape, dropped, or left hanging. */
  private faultReply(fault: FakeFault, req: IncomingMessage, res: ServerResponse): void {
    if (fault.kind === 'reset') return void req.socket.destroy();
    if (fault.kind === 'timeout-before') return;
    if (fault.kind === 'expired-token') return send(res, { status: 401 });
    if (fault.kind === 'http' || fault.kind === 'penalty') {
      const status = fault.kind === 'http' ? fault.status : 429;
      const retry = fault.kind === 'http' ? fault.retryAfterS : fault.pTime;
      return send(res, {
        status,
        headers: retry !== undefined ? { 'retry-after': String(retry) } : undefined,
      });
    }
    if (fault.kind === 'reject')
      send(res, ok({ orderId: null }, 2, fault.reason ?? 'Order rejected by risk rules'));
  }

  private takeFault(path: string): FakeFault | undefined {
    const i = this.faults.findIndex((f) => !f.path || path.includes(f.path.toLowerCase()));
    if (i < 0) return undefined;
    const rule = this.faults[i];
    if (rule.times !== undefined && --rule.times <= 0) this.faults.splice(i, 1);
    return rule.fault;
  }

  private route(req: IncomingMessage, path: string, body: Json | null, at: number): Reply {
    if (req.method !== 'POST') return { status: 405 };
    if (path === '/api/auth/loginkey') return this.login(body);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = token ? this.tokens.get(token) : undefined;
    if (!token || expires === undefined || Date.now() >= expires) return { status: 401 };
    if (path === '/api/auth/validate') return ok({ newToken: this.issue(subject(token)) });
    if (!body) return ok({}, 1, 'A JSON body is required');
    const accountId = Number(body.accountId);
    switch (path) {
      case '/api/contract/search':
        return ok({ contracts: this.search(String(body.searchText ?? '')) });
      case '/api/order/place':
        return this.place(body, at);
      case '/api/order/cancel':
        return this.cancel(accountId, Number(body.orderId));
      case '/api/order/search': {
        const from = Date.parse(String(body.startTimestamp));
        const to = body.endTimestamp ? Date.parse(String(body.endTimestamp)) : Infinity;
        const hits = this.accountOrders(accountId).filter(
          (o) => Date.parse(o.created) >= from && Date.parse(o.created) <= to,
        );
        return ok({ orders: hits.map(view) });
      }
      case '/api/order/searchopen':
        return ok({
          orders: this.accountOrders(accountId)
            .filter((o) => o.status === STATUS.Open)
            .map(view),
        });
      case '/api/position/searchopen':
        return ok({ positions: this.positionList(accountId) });
      case '/api/position/closecontract':
      case '/api/position/partialclosecontract':
        return this.flatten(accountId, String(body.contractId), body.size, at);
      default:
        return { status: 404 };
    }
  }

  private login(body: Json | null): Reply {
    const c = this.opts.credentials ?? {};
    const wrong = ['userName', 'apiKey'].some((k) => c[k] !== undefined && body?.[k] !== c[k]);
    if (!body || wrong) return ok({ token: null }, 3, 'Invalid user name or API key');
    return ok({ token: this.issue(String(body.userName)) });
  }

  private issue(subject: string): string {
    const exp = (Date.now() + this.ttlMs) / 1000;
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, exp, jti: randomBytes(8).toString('hex') })}.${randomBytes(16).toString('base64url')}`;
    this.tokens.set(token, exp * 1000);
    return token;
  }

  private search(text: string): Json[] {
    const t = text.toUpperCase();
    return this.contracts
      .filter((c) => [c.name, c.description, c.symbolId].some((f) => f.toUpperCase().includes(t)))
      .map(({ mark: _mark, ...visible }) => visible);
  }

  private place(b: Json, at: number): Reply {
    const contract = this.contracts.find((c) => c.id === b.contractId);
    const problem = contract ? invalidOrder(b) : `Contract ${String(b.contractId)} not found`;
    if (problem || !contract) return ok({ orderId: null }, 2, problem);
    const tag = typeof b.customTag === 'string' ? b.customTag : null;
    if (tag && this.accountOrders(Number(b.accountId)).some((o) => o.customTag === tag)) {
      return ok({ orderId: null }, 2, `An order with custom tag ${tag} already exists on this account`);
    }
    const entry = this.record(b, contract, at, tag);
    if (entry.type === 2) {
      this.fill(entry, contract.mark);
      for (const [bracket, type] of [
        [b.stopLossBracket, 4],
        [b.takeProfitBracket, 1],
      ] as const) {
        if (!bracket) continue;
        const level = contract.mark + Number((bracket as Json).ticks) * contract.tickSize;
        const child = this.record(
          {
            accountId: b.accountId,
            type,
            side: 1 - Number(b.side),
            size: b.size,
            ...(type === 4 ? { stopPrice: level } : { limitPrice: level }),
          },
          contract,
          at,
          null,
        );
        entry.record.bracketIds.push(child.record.id);
      }
    }
    return ok({ orderId: entry.id });
  }

  private cancel(accountId: number, orderId: number): Reply {
    const order = this.orderMap.get(orderId);
    if (!order || order.accountId !== accountId) return ok({}, 1, `Order ${orderId} not found`);
    if (order.status !== STATUS.Open) return ok({}, 2, `Order ${orderId} is not open`);
    this.setStatus(order, STATUS.Cancelled);
    return ok({});
  }

  private flatten(accountId: number, contractId: string, size: unknown, at: number): Reply {
    const position = this.net.get(contractId);
    const contract = this.contracts.find((c) => c.id === contractId);
    if (!position || position.accountId !== accountId || position.size === 0 || !contract) {
      return ok({}, 2, 'No open position for this contract');
    }
    const quantity = size === undefined ? Math.abs(position.size) : Number(size);
    if (!Number.isInteger(quantity) || quantity <= 0 || quantity > Math.abs(position.size)) {
      return ok({}, 2, `Cannot close ${String(size)} of ${Math.abs(position.size)}`);
    }
    const side = position.size > 0 ? 1 : 0;
    this.fill(this.record({ accountId, type: 2, side, size: quantity }, contract, at, null), contract.mark);
    return ok({});
  }

  private record(b: Json, contract: Contract, at: number, customTag: string | null): PxOrder {
    const id = this.nextId++;
    const side = Number(b.side);
    const type = Number(b.type);
    const order: PxOrder = {
      id,
      accountId: Number(b.accountId),
      contract,
      created: new Date().toISOString(),
      status: STATUS.Open,
      type,
      side,
      limitPrice: typeof b.limitPrice === 'number' ? b.limitPrice : null,
      stopPrice: typeof b.stopPrice === 'number' ? b.stopPrice : null,
      customTag,
      record: {
        id: String(id),
        clientOrderId: customTag,
        symbol: contract.name,
        side: side === 0 ? 'BUY' : 'SELL',
        quantity: Number(b.size),
        type: TYPE_NAME[type] ?? String(type),
        status: STATUS_NAME[STATUS.Open],
        bracketIds: [],
        body: b,
        receivedAt: at,
      },
    };
    this.orderMap.set(id, order);
    return order;
  }

  private setStatus(order: PxOrder, status: number): void {
    order.status = status;
    order.record.status = STATUS_NAME[status];
  }

  private fill(order: PxOrder, price: number): void {
    this.setStatus(order, STATUS.Filled);
    const signed = order.side === 0 ? order.record.quantity : -order.record.quantity;
    const before = this.net.get(order.contract.id);
    const size = (before?.size ?? 0) + signed;
    const created = before && before.size !== 0 ? before.created : new Date().toISOString();
    this.net.set(order.contract.id, { accountId: order.accountId, size, average: price, created });
  }

  private accountOrders(accountId: number): PxOrder[] {
    return [...this.orderMap.values()].filter((o) => o.accountId === accountId);
  }

  private positionList(accountId: number): Json[] {
    return [...this.net]
      .filter(([, p]) => p.accountId === accountId && p.size !== 0)
      .map(([contractId, p], i) => ({
        id: i + 1,
        accountId,
        contractId,
        creationTimestamp: p.created,
        type: p.size > 0 ? 1 : 2,
        size: Math.abs(p.size),
        averagePrice: p.average,
      }));
  }
}

function subject(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    sub: string;
  };
  return payload.sub;
}

function view(o: PxOrder): Json {
  return {
    id: o.id,
    accountId: o.accountId,
    contractId: o.contract.id,
    symbolId: o.contract.symbolId,
    creationTimestamp: o.created,
    updateTimestamp: null,
    status: o.status,
    type: o.type,
    side: o.side,
    size: o.record.quantity,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    customTag: o.customTag,
  };
}

function invalidOrder(b: Json): string | undefined {
  if (!Number.isInteger(b.accountId)) return 'accountId is required';
  if (![1, 2, 4].includes(Number(b.type))) return `Unsupported order type ${String(b.type)}`;
  if (b.side !== 0 && b.side !== 1) return 'side must be 0 (bid) or 1 (ask)';
  if (!Number.isInteger(b.size) || Number(b.size) <= 0) return 'size must be a positive integer';
  if (b.type === 1 && typeof b.limitPrice !== 'number') return 'A limit order needs limitPrice';
  if (b.type === 4 && typeof b.stopPrice !== 'number') return 'A stop order needs stopPrice';
  const long = b.side === 0;
  return (
    invalidBracket(b.stopLossBracket, long ? -1 : 1, 'stopLossBracket') ??
    invalidBracket(b.takeProfitBracket, long ? 1 : -1, 'takeProfitBracket')
  );
}

function invalidBracket(bracket: unknown, sign: number, name: string): string | undefined {
  if (bracket === null || bracket === undefined) return undefined;
  const { ticks, type } = bracket as Json;
  if (!Number.isInteger(ticks) || ticks === 0) return `${name}.ticks must be a whole, non-zero number`;
  if (Math.sign(Number(ticks)) !== sign) return `${name}.ticks has the wrong sign for this side`;
  if (![1, 2, 4].includes(Number(type))) return `${name}.type ${String(type)} is not supported`;
  return undefined;
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

function ok(body: Json, errorCode = 0, errorMessage: string | null = null): Reply {
  return { status: 200, body: { ...body, success: errorCode === 0, errorCode, errorMessage } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}
