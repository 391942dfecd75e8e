import type { FakeOptions, FakeOrderRecord, FakePlatform } from './fake-platform';
import { bearer, FakeRequest, HttpFake, Json, ok, Reply, ShapedFault } from './http-fake';
import { error, RestOrderBook, view } from './rest-orders';
import { RestReads } from './rest-reads';

/*
 * The generic REST contract (seed 13C FTMO/Apex connectors), as this fake serves it under any base path.
 * One API key may trade several accounts: an order names its account with `account_id` (PropRouter sends
 * the trading account's `platform_account`; an `env:{FIRM}` account names none, as in the seed).
 *   GET    {base}/accounts           → 200 {accounts: [{account_id, name}]}: the accounts this key can trade
 *                                      (FakeOptions.accounts). With accounts configured, an order naming
 *                                      another account → 422 UNKNOWN_ACCOUNT.
 *   POST   {base}/orders            Authorization: Bearer <API key>, Idempotency-Key: <client order id>
 *          body: the normalized order {symbol, side BUY|SELL, quantity, order_type MARKET|LIMIT|STOP,
 *          entry_price?, stop_loss?, take_profit?, client_order_id, reduce_only?, account_id?, ...}
 *          → 201 order; → 200 the same order (header Idempotent-Replayed: true) when the key was seen before.
 *          A MARKET order fills at once; LIMIT/STOP stay WORKING until the price crosses them (below).
 *          stop_loss/take_profit create WORKING children (STOP/LIMIT, the other side) listed in
 *          bracket_order_ids; the market fills them only once their entry has filled. reduce_only fills at most the
 *          open position on the other side, else 422 NO_POSITION; a reduce-only LIMIT/STOP is held to that again
 *          when the price reaches it (nothing open: CANCELLED). No modify: a size is changed by cancel + place.
 *   GET    {base}/orders/{id}        → 200 order | 404
 *   GET    {base}/orders?client_order_id=X[&account_id=A] → 200 {orders: [order]} (of that account)
 *   DELETE {base}/orders/{id}        → 200 order (CANCELLED) | 404 | 409 NOT_CANCELLABLE (not WORKING)
 *   GET    {base}/positions[?account_id=A] → 200 {positions: {SYMBOL: net}} (reduce_only works per account);
 *                                      with account_id also open_positions: [{symbol, quantity (signed),
 *                                      average_price}] (the open ones)
 *   GET    {base}/orders?status=working[&account_id=A] → 200 {orders: [order]}: the account's working orders
 *
 * Account state (issue 14: polled every SYNC_POLL_INTERVAL_MS; prices, fills and P&L from fake-market.ts,
 * moved with `POST /_fake/price`). Money and prices are JSON numbers, read as exact decimals.
 *   GET    {base}/accounts/{id}      → 200 {account_id, name, balance (cash, realized P&L included), open_pnl
 *                                      (at the current price), realized_pnl (the day's)} | 404 NOT_FOUND
 *   GET    {base}/fills?account_id=A[&since=ISO] → 200 {fills: [{fill_id (unique; a fill may be listed twice),
 *          order_id, client_order_id, account_id, symbol, side, quantity, price, realized_pnl, filled_at}]}
 *          filled at or after `since`, oldest first; 400 INVALID_QUERY for a bad `since`
 * order = {order_id, account_id, client_order_id, symbol, side, quantity, order_type, status FILLED|WORKING|CANCELLED,
 *          bracket_order_ids, parent_order_id, entry_price, stop_loss, take_profit, price (the LIMIT/STOP
 *          level, null for MARKET)}. A MARKET order fills at the market price (its entry_price, else a default
 *          mark, while no price is set); LIMIT/STOP orders and brackets fill when the price crosses them, a
 *          bracket's legs cancelling each other.
 * Errors are {error: CODE, message}: 400 INVALID_ORDER, 401 UNAUTHORIZED (echoing the presented key, as
 * careless APIs do, so that redaction is exercised), 422 REJECTED (business rejection), 429/503.
 */

export function startRestFake(opts: FakeOptions = {}): Promise<FakePlatform> {
  return new RestFake(opts).listen();
}

class RestFake extends HttpFake {
  readonly name = 'rest' as const;
  protected readonly malformedBody = '{"order_id": "ORD-';
  private readonly book = new RestOrderBook(this.market);
  private readonly reads = new RestReads(this.market, this.opts.accounts ?? []);

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
    this.book.clear();
  }

  protected faultReply(fault: ShapedFault): Reply {
    switch (fault.kind) {
      case 'http':
        return {
          status: fault.status,
          body: { error: `HTTP_${fault.status}`, message: 'fault injected' },
          headers: fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {},
        };
      case 'penalty':
        return {
          status: 429,
          body: { error: 'RATE_LIMITED', message: 'too many requests' },
          headers: { 'retry-after': String(fault.captcha ? 3600 : fault.pTime) },
        };
      case 'expired-token':
        return error(401, 'UNAUTHORIZED', 'token expired');
      case 'reject':
        return error(422, 'REJECTED', fault.reason ?? 'Order rejected');
    }
  }

  protected route(request: FakeRequest): Reply {
    const denied = this.authorize(request);
    if (denied) return denied;
    const { method, path, query } = request;
    if (method === 'GET') {
      const read = this.stateRead(path, query);
      if (read) return read;
    }
    const m = /\/orders(?:\/([^/]+))?$/.exec(path);
    if (!m) return error(404, 'NOT_FOUND', `no route ${method} ${path}`);
    const id = m[1] ? decodeURIComponent(m[1]) : undefined;
    if (method === 'POST' && !id) {
      return (
        this.unknownAccount(request.body) ??
        this.book.create(request.headers['idempotency-key'], request.body)
      );
    }
    if (method === 'GET' && !id) {
      const status = query.get('status');
      if (status !== null) return ok({ orders: this.book.byStatus(status, query.get('account_id')) });
      return ok({ orders: this.book.byClientId(query.get('client_order_id'), query.get('account_id')) });
    }
    const order = this.book.find(id);
    if (!order) return error(404, 'NOT_FOUND', `order ${id} not found`);
    if (method === 'GET') return ok(view(order));
    if (method !== 'DELETE') return error(405, 'METHOD_NOT_ALLOWED', method);
    return this.book.cancel(order);
  }

  /** The account-state GET routes (and the account list); undefined for the order routes. */
  private stateRead(path: string, query: URLSearchParams): Reply | undefined {
    const account = query.get('account_id');
    if (/\/positions$/.test(path)) {
      const positions = this.positionsOf(account);
      return ok(
        account === null ? { positions } : { positions, open_positions: this.reads.openPositions(account) },
      );
    }
    if (/\/accounts$/.test(path)) return ok({ accounts: this.accountList() });
    const one = /\/accounts\/([^/]+)$/.exec(path);
    if (one) return this.reads.account(decodeURIComponent(one[1]));
    if (/\/fills$/.test(path)) return this.reads.fills(account, query.get('since'));
    return undefined;
  }

  private accountList(): Json[] {
    return (this.opts.accounts ?? []).map((a) => ({ account_id: String(a.id), name: a.name }));
  }

  /** `?account_id=X`: that account's positions; else summed over the key's accounts. */
  private positionsOf(account: string | null): Record<string, number> {
    return account === null ? this.positions() : (this.accountPositions()[account] ?? {});
  }

  /** With configured accounts, an order naming an account must name one of them. */
  private unknownAccount(body: Json | null): Reply | undefined {
    const accounts = this.opts.accounts ?? [];
    const named = body?.account_id;
    if (accounts.length === 0 || named === undefined) return undefined;
    if (accounts.some((a) => String(a.id) === String(named))) return undefined;
    return error(422, 'UNKNOWN_ACCOUNT', `account ${String(named)} is not reachable with this key`);
  }

  private authorize(request: FakeRequest): Reply | undefined {
    const presented = bearer(request);
    const expected = this.opts.credentials?.apiKey;
    if (presented && (expected === undefined || presented === expected)) return undefined;
    return error(401, 'UNAUTHORIZED', `invalid API key ${presented ?? ''}`.trim());
  }
}
