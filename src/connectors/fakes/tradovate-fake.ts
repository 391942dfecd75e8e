import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FakeFault, FakeOptions, FakeOrderRecord, FakePlatform } from './fake-platform';
import { bearer, FakeRequest, HttpFake, Json, ok, Reply, ShapedFault } from './http-fake';
import { TradovateAuth } from './tradovate-auth';
import { TradovateOrderBook } from './tradovate-orders';
import { TradovateStrategies } from './tradovate-strategies';
import { TradovateStreamServer } from './tradovate-stream';
import { TradovateSyncViews } from './tradovate-sync';

/*
 * A loopback Tradovate REST API (partner.tradovate.com shapes), served under `{url}` = http://host:port/v1.
 *   POST /auth/accesstokenrequest {name,password,appId,appVersion,cid,sec,deviceId}
 *        → {accessToken, mdAccessToken, expirationTime, userId, userStatus, name} | 200 {errorText} (bad login)
 *   GET  /auth/renewaccesstoken (Bearer) → a new token and expirationTime; tokens live `tokenTtlS` (4800 = 80 min)
 *   POST /order/placeorder, /order/placeoso (with bracket1, bracket2) → {orderId[, oso1Id, oso2Id]}
 *   POST /orderstrategy/startorderstrategy (multibracket; break-even) → {orderStrategy}; GET /orderstrategy/list,
 *   /orderstrategylink/deps?masterid= (its Entry, Bracket1, Bracket2 orders)
 *        | 200 {failureReason, failureText}. Market orders fill at once, Limit/Stop work; OSO brackets
 *        (parentId = the entry, one ocoId) work once the entry filled and are Suspended until then.
 *   POST /order/cancelorder {orderId} → {commandId} | {failureReason: 'TooLate', failureText}
 *   POST /order/modifyorder {orderId, orderQty, orderType, price?, stopPrice?, pegDifference?} → {commandId}:
 *        a working order's quantity (its fill books the new one); type and prices must stay the order's
 *   POST /order/liquidateposition {accountId, contractId, admin} → cancels the contract's working orders,
 *        flattens it with a Market order → {orderId}
 *   GET  /account/list → the login's accounts (FakeOptions.accounts: {id, name (= accountSpec), active});
 *        with accounts configured, an order must name one of them (accountId + accountSpec), else 200
 *        {failureReason: 'UnknownReason'}; without, any account is accepted. Positions are per account.
 *   GET  /order/item?id, /order/list, /order/deps?masterid=<accountId>, /command/list,
 *        /contract/suggest?t&l (front month first), /contract/find?name, /contract/item?id
 * Account state (issue 14; prices, fills and P&L from fake-market.ts, `POST /_fake/price` moves them):
 *   POST /cashBalance/getCashBalanceSnapshot {accountId} → {totalCashValue, openPnL, realizedPnL, netLiq, ...}
 *   GET  /position/list → [{id, accountId, contractId, netPos, netPrice, timestamp}] (flat ones included)
 *   GET  /fill/list → [{id, orderId, contractId, timestamp, action Buy|Sell, qty, price}] (all the user's)
 *   GET  /orderVersion/list, /orderVersion/deps?masterid=<orderId> → [{orderId, orderQty, orderType, price,
 *        stopPrice, pegDifference}] (what each order asks)
 * User WebSocket at /v1/websocket (authorize, user/syncrequest, props events; its faults and how it reports
 * open P&L): see tradovate-stream.ts. `POST /_fake/expire-tokens {}` kills every access token issued so far.
 * Every call but the auth request needs `Authorization: Bearer <live token>` (else 401). Penalty faults
 * answer 200 {p-ticket, p-time, p-captcha}; a resend carrying a matured ticket is served. Credentials
 * checked: `username`, `password`, `cid`, `sec` from FakeOptions.credentials, when given.
 */

export function startTradovateFake(opts: FakeOptions = {}): Promise<FakePlatform> {
  return new TradovateFake(opts).listen();
}

const DENIED: Reply = { status: 401, body: { errorText: 'Access is denied' } };

class TradovateFake extends HttpFake {
  readonly name = 'tradovate' as const;
  protected readonly malformedBody = '{"orderId": 12';
  private readonly auth: TradovateAuth;
  private readonly book: TradovateOrderBook;
  private readonly strategies = new TradovateStrategies();
  private readonly stream: TradovateStreamServer;

  constructor(opts: FakeOptions) {
    super(opts, '/v1');
    this.auth = new TradovateAuth(opts);
    this.book = new TradovateOrderBook(opts.accounts ?? [], this.market);
    const views = new TradovateSyncViews(this.market, this.book.contracts, opts.accounts ?? [], this.book);
    this.stream = new TradovateStreamServer(
      views,
      (token) => this.auth.live(token),
      (orderId) => this.book.accountOf(orderId),
      this.market,
      opts.streamHeartbeatMs,
    );
  }

  async close(): Promise<void> {
    this.stream.close();
    await super.close();
  }

  orders(): FakeOrderRecord[] {
    return this.book.orders();
  }
  positions(): Record<string, number> {
    return this.book.positions();
  }
  accountPositions(): Record<string, Record<string, number>> {
    return this.book.accountPositions();
  }
  protected resetState(): void {
    this.auth.clear();
    this.book.clear();
    this.strategies.clear();
    this.stream.clear();
  }

  protected upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.stream.upgrade(req, socket, head);
  }

  protected fakeControl(name: string, body: Json | null): Reply | undefined {
    if (name === 'expire-tokens') return ok({ expired: this.auth.expireAll() });
    return this.stream.control(name, body);
  }

  protected routePath(pathname: string): string {
    return pathname.replace(/^\/v1/i, '').toLowerCase();
  }

  /** A resend carrying a matured penalty ticket is not penalized again. */
  protected faultFilter(request: FakeRequest): (fault: FakeFault) => boolean {
    const ticketed = this.auth.redeemTicket(request.body);
    return (fault) => !(ticketed && fault.kind === 'penalty');
  }

  protected faultReply(fault: ShapedFault, request: FakeRequest): Reply {
    switch (fault.kind) {
      case 'expired-token':
        return DENIED;
      case 'http': {
        const headers =
          fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : undefined;
        return { status: fault.status, headers };
      }
      case 'penalty': {
        const ticket = this.auth.penalty(fault.pTime);
        return ok({ 'p-ticket': ticket, 'p-time': fault.pTime, 'p-captcha': fault.captcha === true });
      }
      case 'reject': {
        const reason = fault.reason ?? 'MaxPosLimitReached';
        return request.path.startsWith('/order/')
          ? ok({ failureReason: reason, failureText: `Rejected by fault: ${reason}` })
          : ok({ errorText: reason });
      }
    }
  }

  /** Answers the request, then has the stream push whatever it changed. */
  protected route(request: FakeRequest): Reply {
    const reply = this.answer(request);
    this.stream.changed();
    return reply;
  }

  private answer(request: FakeRequest): Reply {
    const { method, path, body } = request;
    if (path === '/auth/accesstokenrequest' && method === 'POST') return this.auth.login(body);
    if (!this.auth.live(bearer(request))) return DENIED;
    if (method === 'GET') {
      if (path === '/auth/renewaccesstoken') return ok(this.auth.issue());
      return (
        this.strategies.read(path, request.query) ??
        this.book.read(path, request.query) ?? { status: 404, body: { errorText: `no route GET ${path}` } }
      );
    }
    if (method !== 'POST' || !body) return { status: 400, body: { errorText: 'JSON body required' } };
    if (path === '/order/placeorder' || path === '/order/placeoso') {
      return this.book.place(body, path === '/order/placeoso', request.at);
    }
    if (path === '/orderstrategy/startorderstrategy')
      return this.strategies.start(body, {
        place: (oso) => this.book.place(oso, true, request.at).body as Json,
        marketPrice: (symbol) => this.market.entryPrice(symbol, undefined),
        legsOf: (entryId) => this.book.index.legsOf(entryId),
      });
    if (path === '/order/cancelorder') return this.book.cancel(Number(body.orderId));
    if (path === '/order/modifyorder') return this.book.modify(body);
    if (path === '/order/liquidateposition') return this.book.liquidate(body, request.at);
    if (path === '/cashbalance/getcashbalancesnapshot')
      return this.book.reads.cashBalance(Number(body.accountId));
    return { status: 404, body: { errorText: `no route POST ${path}` } };
  }
}
