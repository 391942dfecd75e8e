import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FakeFault, FakeOptions, FakeOrderRecord, FakePlatform, FaultRule } from './fake-platform';

/*
 * A loopback Tradovate REST API (partner.tradovate.com shapes), served under `{url}` = http://host:port/v1.
 *   POST /auth/accesstokenrequest {name,password,appId,appVersion,cid,sec,deviceId}
 *        → {accessToken, mdAccessToken, expirationTime, userId, userStatus, name} | 200 {errorText} (bad login)
 *   GET  /auth/renewaccesstoken (Bearer) → a new token and expirationTime; tokens live `tokenTtlS` (4800 = 80 min)
 *   POST /order/placeorder, /order/placeoso (with bracket1, bracket2) → {orderId[, oso1Id, oso2Id]}
 *        | 200 {failureReason, failureText}. Market orders fill at once, Limit/Stop work; OSO brackets
 *        (parentId = the entry, one ocoId) work once the entry filled and are Suspended until then.
 *   POST /order/cancelorder {orderId} → {commandId} | {failureReason: 'TooLate', failureText}
 *   POST /order/liquidateposition {accountId, contractId, admin} → cancels the contract's working orders,
 *        flattens it with a Market order → {orderId}
 *   GET  /order/item?id, /order/list, /order/deps?masterid=<accountId>, /command/list, /position/list,
 *        /contract/suggest?t&l (front month first), /contract/find?name
 * Every call but the auth request needs `Authorization: Bearer <live token>` (else 401). Penalty faults
 * answer 200 {p-ticket, p-time, p-captcha}; a resend carrying a matured ticket is served. Credentials
 * checked: `username`, `password`, `cid`, `sec` from FakeOptions.credentials, when given.
 */

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface TvOrder {
  record: FakeOrderRecord;
  id: number;
  accountId: number;
  contractId: number;
  action: 'Buy' | 'Sell';
  timestamp: string;
  parentId: number | null;
  ocoId: number | null;
}
interface Command {
  id: number;
  orderId: number;
  timestamp: string;
  clOrdId: string | null;
  commandType: 'New' | 'Cancel';
  commandStatus: string;
}

const ROOTS = ['NQ', 'MNQ', 'ES', 'MES', 'YM', 'MYM', 'RTY', 'M2K', 'CL', 'MCL', 'GC', 'MGC'];
const WORKING = new Set(['Working', 'Suspended']);
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTradovateFake(opts: FakeOptions = {}): Promise<FakePlatform> {
  const fake = new TradovateFake(opts);
  await fake.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return fake;
}

class TradovateFake implements FakePlatform {
  readonly name = 'tradovate' as const;
  url = '';
  port = 0;
  private readonly server: Server;
  private readonly ttlMs: number;
  private tokens = new Map<string, number>();
  private tickets = new Map<string, number>();
  private orderMap = new Map<number, TvOrder>();
  private commands: Command[] = [];
  /** Net position per contract name (the fake keeps one account's positions per contract). */
  private net = new Map<string, { accountId: number; netPos: number }>();
  private contracts = new Map<string, number>();
  private log: { method: string; path: string; at: number }[] = [];
  private faults: FaultRule[] = [];
  private nextId = 5001;

  constructor(private readonly opts: FakeOptions) {
    this.ttlMs = (opts.tokenTtlS ?? 4800) * 1000;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.seedContracts();
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}/v1`;
  }

  orders(): FakeOrderRecord[] {
    return [...this.orderMap.values()].map((o) => ({ ...o.record, bracketIds: [...o.record.bracketIds] }));
  }
  positions(): Record<string, number> {
    return Object.fromEntries([...this.net].map(([name, p]) => [name, p.netPos]));
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
    this.tickets.clear();
    this.orderMap.clear();
    this.commands = [];
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
    const path = url.pathname.replace(/^\/v1/i, '').toLowerCase();
    this.log.push({ method: req.method ?? 'GET', path: url.pathname + url.search, at: arrived });
    const body = parseJson(raw);
    const ticketed = this.redeemTicket(body);
    const fault = this.takeFault(path, ticketed);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    const act = () => this.route(req, path, url.searchParams, body, arrived);
    if (!fault || fault.kind === 'slow') return send(res, act());
    if (fault.kind === 'timeout') return void act();
    if (fault.kind === 'malformed') {
      act();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"orderId": 12');
      return;
    }
    this.faultReply(fault, path, req, res);
  }

  /** A faulted request that is not acted on: answered in the fault's shape, dropped, or left hanging. */
  private faultReply(fault: FakeFault, path: string, req: IncomingMessage, res: ServerResponse): void {
    if (fault.kind === 'reset') return void req.socket.destroy();
    if (fault.kind === 'timeout-before') return;
    if (fault.kind === 'expired-token')
      return send(res, { status: 401, body: { errorText: 'Access is denied' } });
    if (fault.kind === 'http') {
      const headers =
        fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : undefined;
      return send(res, { status: fault.status, headers });
    }
    if (fault.kind === 'penalty') {
      const ticket = randomBytes(12).toString('hex');
      this.tickets.set(ticket, now() + fault.pTime * 1000);
      const penalty = { 'p-ticket': ticket, 'p-time': fault.pTime, 'p-captcha': fault.captcha === true };
      return send(res, { status: 200, body: penalty });
    }
    if (fault.kind === 'reject') {
      const reason = fault.reason ?? 'MaxPosLimitReached';
      const body = path.startsWith('/order/')
        ? { failureReason: reason, failureText: `Rejected by fault: ${reason}` }
        : { errorText: reason };
      send(res, { status: 200, body });
    }
  }

  /** True when the body carries a ticket this fake issued whose p-time has passed (it is used up). */
  private redeemTicket(body: Json | null): boolean {
    const ticket = body?.['p-ticket'];
    if (typeof ticket !== 'string') return false;
    const due = this.tickets.get(ticket);
    if (due === undefined || now() < due) return false;
    this.tickets.delete(ticket);
    return true;
  }

  private takeFault(path: string, ticketed: boolean): FakeFault | undefined {
    const i = this.faults.findIndex(
      (f) => (!f.path || path.includes(f.path.toLowerCase())) && !(ticketed && f.fault.kind === 'penalty'),
    );
    if (i < 0) return undefined;
    const rule = this.faults[i];
    if (rule.times !== undefined && --rule.times <= 0) this.faults.splice(i, 1);
    return rule.fault;
  }

  private route(
    req: IncomingMessage,
    path: string,
    q: URLSearchParams,
    body: Json | null,
    at: number,
  ): Reply {
    if (path === '/auth/accesstokenrequest' && req.method === 'POST') return this.login(body);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = token ? this.tokens.get(token) : undefined;
    if (!token || expires === undefined || Date.now() >= expires) {
      return { status: 401, body: { errorText: 'Access is denied' } };
    }
    if (req.method === 'GET') return this.read(path, q);
    if (req.method !== 'POST' || !body) return { status: 400, body: { errorText: 'JSON body required' } };
    if (path === '/order/placeorder' || path === '/order/placeoso') return this.place(body, path, at);
    if (path === '/order/cancelorder') return this.cancel(Number(body.orderId));
    if (path === '/order/liquidateposition') return this.liquidate(body, at);
    return { status: 404, body: { errorText: `no route POST ${path}` } };
  }

  private read(path: string, q: URLSearchParams): Reply {
    const orders = [...this.orderMap.values()];
    switch (path) {
      case '/auth/renewaccesstoken':
        return ok(this.issue());
      case '/order/item': {
        const order = this.orderMap.get(Number(q.get('id')));
        return order ? ok(view(order)) : { status: 404, body: { errorText: 'Order not found' } };
      }
      case '/order/list':
        return ok(orders.map(view));
      case '/order/deps':
        return ok(orders.filter((o) => o.accountId === Number(q.get('masterid'))).map(view));
      case '/command/list':
        return ok(this.commands);
      case '/position/list':
        return ok(this.positionList());
      case '/contract/suggest': {
        const text = (q.get('t') ?? '').toUpperCase();
        const hits = [...this.contracts].filter(([name]) => name.startsWith(text));
        return ok(hits.slice(0, Number(q.get('l') ?? 10)).map(([name, id]) => contract(name, id)));
      }
      case '/contract/find': {
        const name = (q.get('name') ?? '').toUpperCase();
        const id = this.contracts.get(name);
        return id
          ? ok(contract(name, id))
          : { status: 404, body: { errorText: `Contract ${name} not found` } };
      }
      default:
        return { status: 404, body: { errorText: `no route GET ${path}` } };
    }
  }

  private login(body: Json | null): Reply {
    const c = this.opts.credentials ?? {};
    const given: Record<string, unknown> = {
      username: body?.name,
      password: body?.password,
      cid: body?.cid,
      sec: body?.sec,
    };
    const wrong = Object.keys(given).some((k) => c[k] !== undefined && String(given[k]) !== c[k]);
    if (!body || wrong) return ok({ errorText: 'Incorrect username or password. Please try again.' });
    return ok({ ...this.issue(), userId: 7, userStatus: 'Active', name: body.name });
  }

  /** A new access token; a renewal keeps the old one usable until it expires, as a session would. */
  private issue(): Json {
    const accessToken = randomBytes(24).toString('base64url');
    const expiresAt = Date.now() + this.ttlMs;
    this.tokens.set(accessToken, expiresAt);
    return {
      accessToken,
      mdAccessToken: randomBytes(24).toString('base64url'),
      expirationTime: new Date(expiresAt).toISOString(),
    };
  }

  private place(body: Json, path: string, at: number): Reply {
    const problem = invalidOrder(body) ?? (path === '/order/placeoso' ? invalidBrackets(body) : undefined);
    if (problem) return ok({ failureReason: 'UnknownReason', failureText: problem });
    const name = String(body.symbol).toUpperCase();
    const entry = this.record(body, name, Number(body.accountId), body.action as 'Buy' | 'Sell', at, null);
    this.newCommand(entry, typeof body.clOrdId === 'string' ? body.clOrdId : null);
    if (body.orderType === 'Market') this.fill(entry);
    if (path !== '/order/placeoso') return ok({ orderId: entry.id });
    const brackets = [body.bracket1, body.bracket2].filter((b): b is Json => !!b && typeof b === 'object');
    const ocoId = brackets.length > 1 ? this.nextId++ : null;
    const children = brackets.map((b) => {
      const child = this.record(
        { ...b, orderQty: body.orderQty, parentId: entry.id },
        name,
        entry.accountId,
        b.action as 'Buy' | 'Sell',
        at,
        entry.id,
      );
      child.ocoId = ocoId;
      child.record.status = entry.record.status === 'Filled' ? 'Working' : 'Suspended';
      entry.record.bracketIds.push(child.record.id);
      return child;
    });
    return ok({
      orderId: entry.id,
      oso1Id: children[0]?.id,
      ...(children[1] ? { oso2Id: children[1].id } : {}),
    });
  }

  private cancel(orderId: number): Reply {
    const order = this.orderMap.get(orderId);
    if (!order) return ok({ failureReason: 'UnknownReason', failureText: `Order ${orderId} not found` });
    if (!WORKING.has(order.record.status)) {
      return ok({ failureReason: 'TooLate', failureText: `Order ${orderId} is ${order.record.status}` });
    }
    order.record.status = 'Canceled';
    const command = this.newCommand(order, null, 'Cancel');
    return ok({ commandId: command.id });
  }

  private liquidate(body: Json, at: number): Reply {
    const accountId = Number(body.accountId);
    const name = [...this.contracts].find(([, id]) => id === Number(body.contractId))?.[0];
    if (!name) return ok({ failureReason: 'InvalidContract', failureText: 'Unknown contractId' });
    for (const o of this.orderMap.values()) {
      if (
        o.accountId === accountId &&
        o.contractId === Number(body.contractId) &&
        WORKING.has(o.record.status)
      ) {
        o.record.status = 'Canceled';
      }
    }
    const netPos = this.net.get(name)?.netPos ?? 0;
    if (netPos === 0) return ok({ failureReason: 'UnknownReason', failureText: 'No position to liquidate' });
    const flat = {
      accountId,
      action: netPos > 0 ? 'Sell' : 'Buy',
      symbol: name,
      orderQty: Math.abs(netPos),
      orderType: 'Market',
    };
    const order = this.record(flat, name, accountId, flat.action as 'Buy' | 'Sell', at, null);
    this.newCommand(order, null);
    this.fill(order);
    return ok({ orderId: order.id });
  }

  private record(
    body: Json,
    name: string,
    accountId: number,
    action: 'Buy' | 'Sell',
    at: number,
    parentId: number | null,
  ): TvOrder {
    const id = this.nextId++;
    const order: TvOrder = {
      id,
      accountId,
      contractId: this.contractId(name),
      action,
      timestamp: new Date().toISOString(),
      parentId,
      ocoId: null,
      record: {
        id: String(id),
        clientOrderId: parentId === null && typeof body.clOrdId === 'string' ? body.clOrdId : null,
        symbol: name,
        side: action === 'Buy' ? 'BUY' : 'SELL',
        quantity: Number(body.orderQty),
        type: String(body.orderType),
        status: 'Working',
        bracketIds: [],
        body,
        receivedAt: at,
      },
    };
    this.orderMap.set(id, order);
    return order;
  }

  private newCommand(
    order: TvOrder,
    clOrdId: string | null,
    commandType: Command['commandType'] = 'New',
  ): Command {
    const command = {
      id: this.nextId++,
      orderId: order.id,
      timestamp: new Date().toISOString(),
      clOrdId,
      commandType,
      commandStatus: 'RiskPassed',
    };
    this.commands.push(command);
    return command;
  }

  private fill(order: TvOrder): void {
    order.record.status = 'Filled';
    const signed = order.action === 'Buy' ? order.record.quantity : -order.record.quantity;
    const netPos = (this.net.get(order.record.symbol)?.netPos ?? 0) + signed;
    this.net.set(order.record.symbol, { accountId: order.accountId, netPos });
  }

  private positionList(): Json[] {
    return [...this.net].map(([name, p]) => {
      const contractId = this.contractId(name);
      return {
        id: contractId,
        accountId: p.accountId,
        contractId,
        netPos: p.netPos,
        timestamp: new Date().toISOString(),
      };
    });
  }

  private contractId(name: string): number {
    let id = this.contracts.get(name);
    if (id === undefined) {
      id = 3_000_000 + this.contracts.size;
      this.contracts.set(name, id);
    }
    return id;
  }

  private seedContracts(): void {
    for (const root of ROOTS) for (const month of ['Z5', 'H6']) this.contractId(`${root}${month}`);
  }
}

function view(o: TvOrder): Json {
  return {
    id: o.id,
    accountId: o.accountId,
    contractId: o.contractId,
    timestamp: o.timestamp,
    action: o.action,
    ordStatus: o.record.status,
    admin: false,
    ocoId: o.ocoId,
    parentId: o.parentId,
  };
}

function contract(name: string, id: number): Json {
  return { id, name, contractMaturityId: id + 1, timestamp: new Date().toISOString() };
}

function invalidOrder(b: Json): string | undefined {
  if (typeof b.accountSpec !== 'string' || !Number.isInteger(b.accountId))
    return 'accountSpec and accountId are required';
  if (b.action !== 'Buy' && b.action !== 'Sell') return 'action must be Buy or Sell';
  if (typeof b.symbol !== 'string' || !/^[A-Z0-9]+[FGHJKMNQUVXZ]\d$/.test(b.symbol))
    return `unknown contract ${String(b.symbol)}`;
  if (!Number.isInteger(b.orderQty) || Number(b.orderQty) <= 0) return 'orderQty must be a positive integer';
  if (b.isAutomated !== true) return 'isAutomated must be true for orders not placed by a human';
  return invalidType(b);
}

function invalidBrackets(entry: Json): string | undefined {
  if (!entry.bracket1 || typeof entry.bracket1 !== 'object') return 'bracket1 is required';
  for (const bracket of [entry.bracket1, entry.bracket2]) {
    if (bracket === undefined) continue;
    const b = bracket as Json;
    if (b.action === entry.action) return 'a bracket must go the other way';
    const problem = invalidType(b);
    if (problem) return problem;
  }
  return undefined;
}

function invalidType(b: Json): string | undefined {
  if (b.orderType === 'Limit' && typeof b.price !== 'number') return 'a Limit order needs price';
  if (b.orderType === 'Stop' && typeof b.stopPrice !== 'number') return 'a Stop order needs stopPrice';
  if (!['Market', 'Limit', 'Stop'].includes(String(b.orderType)))
    return `unsupported orderType ${String(b.orderType)}`;
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

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}
