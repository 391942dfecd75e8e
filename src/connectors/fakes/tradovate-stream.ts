import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeFill } from './fake-ledger';
import type { FakeMarket } from './fake-market';
import { Json, ok, Reply } from './http-fake';
import { PropsEvent, SYNC_LISTS, TradovateSyncViews } from './tradovate-sync';

/*
 * The Tradovate fake's user WebSocket at `/v1/websocket` (partner.tradovate.com "WebSocket Connections",
 * "User Synchronization"; tradovate/example-api-js). Server frames: `o` on open, `h` heartbeat every 2.5 s,
 * `a[...]` a JSON array of messages. Client frames: `[]` heartbeat, or `endpoint\nid\nquery\nbody`:
 *   authorize\n0\n\n<accessToken>  → a[{"s":200,"i":0}] | a[{"s":401,"i":0,"d":"Access is denied"}]
 *   user/syncrequest\n1\n\n{"splitResponses":true,"accounts":[..]?,"entityTypes":["account","cashBalance",
 *        "position","fill","order","orderVersion","contract"]}
 *        → a[{"s":200,"i":1,"d":{users, accounts, cashBalances, positions, fills, orders, orderVersions,
 *          contracts}}] (only the types asked for: the docs' default is none), then, while the socket lives,
 *        a[{"e":"props","d":{"entityType","eventType":"Created|Updated","entity"}}, ...] for every change:
 *        one frame per change (orders and contracts first, then fills, positions, cash balances), a fill
 *        duplicated by `/_fake/duplicate-fills` pushed again in a frame of its own.
 * Any other request before `authorize` succeeded: 401; other endpoints: 404. An access token that expires
 * later does not close an authorized socket (as the docs say); a new socket needs a live one.
 *
 * Open P&L. Tradovate's user sync carries no open P&L: its `cashBalance` entity has `amount` and
 * `realizedPnL`, its `position` entity `netPos` and `netPrice`; its own clients value positions with
 * market-data quotes (a second socket, md.tradovateapi.com) or read the REST cash balance snapshot
 * (`openPnL`), which the docs call an anti-pattern to poll. The fake folds that snapshot's `openPnL` into the
 * pushed `cashBalance` entity: a price move (`POST /_fake/price`) pushes a cashBalance Updated for every
 * account whose open P&L it changed. A client reads `openPnL` when the entity has it, and reports no open
 * P&L (null) when it does not, as against the real platform without a market-data socket.
 *
 * Faults (POST, JSON body, at the server root like the market's controls):
 *   /_fake/drop-streams {}          → terminates every open stream socket (no close frame) → {dropped}
 *   /_fake/refuse-streams {"ms":N}  → new stream connections get HTTP 503 for N ms → {ms}
 *   /_fake/mute-streams {}          → the open sockets go silent (no heartbeat, no event, no answer) but stay
 *                                     open, as a half-open connection does → {muted}
 *   /_fake/expire-tokens {}         → every access token issued so far is dead (REST 401, authorize 401)
 */

/** Entity types in the order a frame carries them: a fill's order (and its contract) before the fill. */
const ORDER = ['account', 'contract', 'order', 'orderVersion', 'fill', 'position', 'cashBalance'];
const TYPE_OF_LIST = Object.fromEntries(Object.entries(SYNC_LISTS).map(([type, key]) => [key, type]));

interface Subscriber {
  ws: WebSocket;
  authorized: boolean;
  /** The entity types of its syncrequest; null until it made one. */
  types: Set<string> | null;
  /** The syncrequest's `accounts`; null: every account of the user. */
  accounts: Set<number> | null;
  /** Silent from now on (`/_fake/mute-streams`). */
  muted: boolean;
}

export class TradovateStreamServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly subscribers = new Set<Subscriber>();
  private readonly heartbeat: NodeJS.Timeout;
  private refuseUntil = 0;
  private fills: FakeFill[] = [];
  private again: FakeFill[] = [];
  private scheduled = false;

  constructor(
    private readonly views: TradovateSyncViews,
    private readonly live: (token: string) => boolean,
    /** The account an order belongs to (fills and order versions name their order). */
    private readonly accountOfOrder: (orderId: number) => number | null,
    market: FakeMarket,
    heartbeatMs = 2500,
  ) {
    market.subscribe((event) => {
      if (event.kind === 'fill') {
        const first = !this.fills.some((f) => f.id === event.fill.id);
        (first ? this.fills : this.again).push(event.fill);
      }
      this.changed();
    });
    this.heartbeat = setInterval(() => {
      for (const s of this.subscribers) if (s.ws.readyState === WebSocket.OPEN && !s.muted) s.ws.send('h');
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  /** Takes an upgrade request for `/v1/websocket`; false for any other path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!/^\/v1\/websocket\/?$/i.test(new URL(req.url ?? '/', 'http://fake').pathname)) return false;
    if (Date.now() < this.refuseUntil) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
    return true;
  }

  /** Something may have changed (a REST request was served): push the changes once the turn is over. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** The stream faults; undefined for another control. */
  control(name: string, body: Json | null): Reply | undefined {
    if (name === 'drop-streams') return ok({ dropped: this.drop() });
    if (name === 'mute-streams') {
      for (const s of this.subscribers) s.muted = true;
      return ok({ muted: this.subscribers.size });
    }
    if (name === 'refuse-streams' && typeof body?.ms === 'number' && body.ms >= 0) {
      this.refuseUntil = Date.now() + body.ms;
      return ok({ ms: body.ms });
    }
    return undefined;
  }

  /** Drops every socket and forgets what was sent (after a reset of the fake). */
  clear(): void {
    this.drop();
    this.views.clear();
    this.fills = [];
    this.again = [];
    this.refuseUntil = 0;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.drop();
    this.wss.close();
  }

  private drop(): number {
    const n = this.subscribers.size;
    for (const s of this.subscribers) s.ws.terminate();
    this.subscribers.clear();
    return n;
  }

  private open(ws: WebSocket): void {
    const subscriber: Subscriber = { ws, authorized: false, types: null, accounts: null, muted: false };
    this.subscribers.add(subscriber);
    ws.on('close', () => this.subscribers.delete(subscriber));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: Buffer) => this.request(subscriber, data.toString('utf8')));
    ws.send('o');
  }

  private request(s: Subscriber, text: string): void {
    if (text === '[]' || s.muted) return;
    const [endpoint = '', idText = '', , ...rest] = text.split('\n');
    const body = rest.join('\n');
    const i = Number(idText);
    const answer = (status: number, d?: unknown) =>
      s.ws.send(`a${JSON.stringify([{ s: status, i, ...(d === undefined ? {} : { d }) }])}`);
    if (endpoint === 'authorize') {
      s.authorized = this.live(body.trim());
      return s.authorized ? answer(200) : answer(401, 'Access is denied');
    }
    if (!s.authorized) return answer(401, 'Access is denied');
    if (endpoint.toLowerCase() !== 'user/syncrequest') return answer(404, `Unknown operation ${endpoint}`);
    const req = parse(body);
    if (!req) return answer(400, 'a JSON body is required');
    const types = Array.isArray(req.entityTypes) ? req.entityTypes.map(String) : [];
    const accounts = Array.isArray(req.accounts) ? req.accounts.map(Number) : null;
    s.types = new Set(types);
    s.accounts = accounts ? new Set(accounts) : null;
    answer(200, this.only(s, this.views.snapshot(s.types)));
  }

  /** The snapshot's lists limited to the subscriber's accounts. */
  private only(s: Subscriber, snapshot: Json): Json {
    if (!s.accounts) return snapshot;
    const out: Json = {};
    for (const [key, list] of Object.entries(snapshot)) {
      const type = TYPE_OF_LIST[key] ?? key;
      out[key] = Array.isArray(list)
        ? list.filter((entity: Json) => this.wanted(s, { entityType: type, eventType: 'Created', entity }))
        : list;
    }
    return out;
  }

  private flush(): void {
    this.scheduled = false;
    const fills = this.fills.map((f) => props('fill', 'Created', this.views.fill(f)));
    const again = this.again.map((f) => props('fill', 'Created', this.views.fill(f)));
    this.fills = [];
    this.again = [];
    const events = [...this.views.changes(), ...fills].sort(
      (a, b) => ORDER.indexOf(a.entityType) - ORDER.indexOf(b.entityType),
    );
    this.push(events);
    for (const event of again) this.push([event]);
  }

  private push(events: PropsEvent[]): void {
    this.each((s) => {
      const mine = events.filter((e) => this.wanted(s, e));
      if (mine.length > 0) s.ws.send(`a${JSON.stringify(mine.map((d) => ({ e: 'props', d })))}`);
    });
  }

  private wanted(s: Subscriber, event: PropsEvent): boolean {
    if (event.entityType === 'user') return true;
    if (!s.types?.has(event.entityType)) return false;
    if (!s.accounts || event.entityType === 'contract') return true;
    const e = event.entity;
    const account =
      event.entityType === 'account'
        ? Number(e.id)
        : event.entityType === 'fill' || event.entityType === 'orderVersion'
          ? this.accountOfOrder(Number(e.orderId))
          : Number(e.accountId);
    return account !== null && s.accounts.has(account);
  }

  /** Every subscriber whose socket is open and subscribed. */
  private each(fn: (s: Subscriber) => void): void {
    for (const s of this.subscribers) if (s.ws.readyState === WebSocket.OPEN && s.types && !s.muted) fn(s);
  }
}

function props(entityType: string, eventType: PropsEvent['eventType'], entity: Json): PropsEvent {
  return { entityType, eventType, entity };
}

function parse(body: string): Json | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}
