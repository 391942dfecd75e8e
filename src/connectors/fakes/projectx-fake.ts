import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FakeOptions, FakeOrderRecord, FakePlatform } from './fake-platform';
import { bearer, FakeRequest, HttpFake, Json, ok, Reply, ShapedFault } from './http-fake';
import { ProjectXAuth } from './projectx-auth';
import { ProjectXHubs } from './projectx-hubs';
import { ProjectXOrderBook } from './projectx-orders';
import { ProjectXReads } from './projectx-reads';
import { answer, searchContracts } from './projectx-shapes';

/*
 * A loopback ProjectX Gateway (gateway.docs.projectx.com shapes): every call is a POST with a JSON body and
 * every answer carries {success, errorCode, errorMessage}; a missing, unknown or expired token gets 401.
 *   /api/Auth/loginKey {userName, apiKey} → {token} (a JWT whose `exp` is `tokenTtlS` away, default 24 h)
 *   /api/Auth/validate (Bearer) → {newToken}
 *   /api/Account/search {onlyActiveAccounts} → accounts [{id, name, balance, canTrade, ...}] (FakeOptions.accounts);
 *        with accounts configured, an order must name one of them; without, any accountId goes.
 *   /api/Contract/search {searchText, live} → contracts whose name/description/symbol contain the text
 *   /api/Contract/searchById {contractId, live} → {contract}
 *   /api/Order/place {accountId, contractId, type 1|2|4, side 0|1, size, limitPrice, stopPrice, customTag,
 *        stopLossBracket, takeProfitBracket} → {orderId}. customTag must be unique per account. Bracket
 *        ticks are signed as this fake reads the platform: long stop < 0 < long target, reversed for a short.
 *        Market orders fill at once at the market price (the contract's mark until one is set) and open
 *        their brackets (Stop/Limit, other side, one cancels the other); Limit/Stop fill when it crosses.
 *   /api/Order/modify {accountId, orderId, size} → {}: an open order's size (its fill books the new one);
 *        prices sent must be the order's own (this fake modifies sizes only)
 *   /api/Order/cancel {accountId, orderId}, /api/Order/search {accountId, startTimestamp, endTimestamp?},
 *   /api/Order/searchOpen {accountId}, /api/Position/searchOpen {accountId} (type 1 long, 2 short),
 *   /api/Position/closeContract {accountId, contractId}, /api/Position/partialCloseContract (+ size).
 * Account state (issue 14; prices, fills and P&L from fake-market.ts, `POST /_fake/price` moves them):
 *   /api/Account/search → balance per account (opening balance + realized P&L); no open P&L (as the Gateway)
 *   /api/Position/searchOpen {accountId} → [{contractId, type 1|2, size, averagePrice}]
 *   /api/Trade/search {accountId, startTimestamp, endTimestamp?} → trades [{id, orderId, contractId, price,
 *        profitAndLoss (null on a half-turn), fees, side 0|1, size, creationTimestamp}]
 * Order status codes: 1 Open, 2 Filled, 3 Cancelled. Credentials checked: `userName`, `apiKey`.
 * Real-time hubs /hubs/user and /hubs/market (SignalR, their events and faults): see projectx-hubs.ts.
 * `POST /_fake/expire-tokens {}` kills every token issued so far (REST 401, hub connections 401).
 */

export function startProjectXFake(opts: FakeOptions = {}): Promise<FakePlatform> {
  return new ProjectXFake(opts).listen();
}

class ProjectXFake extends HttpFake {
  readonly name = 'projectx' as const;
  protected readonly malformedBody = '{"orderId": 90';
  private readonly auth: ProjectXAuth;
  private readonly book = new ProjectXOrderBook(this.market);
  private readonly reads = new ProjectXReads(this.market, this.book.contracts, this.opts.accounts ?? []);
  private readonly hubs: ProjectXHubs;

  constructor(opts: FakeOptions) {
    super(opts);
    this.auth = new ProjectXAuth(opts);
    this.hubs = new ProjectXHubs((t) => this.auth.live(t), this.book, this.reads, this.market);
  }

  async close(): Promise<void> {
    this.hubs.close();
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
    this.hubs.drop();
  }

  protected upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.hubs.upgrade(req, socket, head);
  }

  protected fakeControl(name: string, body: Json | null): Reply | undefined {
    if (name === 'expire-tokens') return ok({ expired: this.auth.expireAll() });
    return this.hubs.control(name, body);
  }

  protected routePath(pathname: string): string {
    return pathname.toLowerCase();
  }

  protected faultReply(fault: ShapedFault): Reply {
    switch (fault.kind) {
      case 'expired-token':
        return { status: 401 };
      case 'http':
      case 'penalty': {
        const status = fault.kind === 'http' ? fault.status : 429;
        const retry = fault.kind === 'http' ? fault.retryAfterS : fault.pTime;
        return { status, headers: retry !== undefined ? { 'retry-after': String(retry) } : undefined };
      }
      case 'reject':
        return answer({ orderId: null }, 2, fault.reason ?? 'Order rejected by risk rules');
    }
  }

  protected route(request: FakeRequest): Reply {
    const { path, body } = request;
    if (request.method !== 'POST') return { status: 405 };
    if (path === '/api/auth/loginkey') return this.auth.login(body);
    const token = bearer(request);
    const negotiated = this.hubs.negotiate(path, token ?? request.query.get('access_token') ?? undefined);
    if (negotiated) return negotiated;
    if (!this.auth.live(token)) return { status: 401 };
    if (path === '/api/auth/validate') return this.auth.renew(token);
    if (!body) return answer({}, 1, 'A JSON body is required');
    return this.call(path, body, request.at) ?? { status: 404 };
  }

  /** With configured accounts, an order must name one of them. */
  private unknownAccount(accountId: number): Reply | undefined {
    const accounts = this.opts.accounts ?? [];
    if (accounts.length === 0 || accounts.some((a) => Number(a.id) === accountId)) return undefined;
    return answer({ orderId: null }, 2, `Account ${accountId} not found for this user`);
  }

  private call(path: string, body: Record<string, unknown>, at: number): Reply | undefined {
    const accountId = Number(body.accountId);
    switch (path) {
      case '/api/account/search':
        return answer({ accounts: this.reads.accountList() });
      case '/api/contract/search':
        return answer({ contracts: searchContracts(this.book.contracts, String(body.searchText ?? '')) });
      case '/api/contract/searchbyid': {
        const contract = searchContracts(this.book.contracts, '').find((c) => c.id === body.contractId);
        return contract ? answer({ contract }) : answer({ contract: null }, 1, 'Contract not found');
      }
      case '/api/order/place':
        return this.unknownAccount(accountId) ?? this.book.place(body, at);
      case '/api/order/cancel':
        return this.book.cancel(accountId, Number(body.orderId));
      case '/api/order/modify':
        return this.book.modify(accountId, body);
      case '/api/order/search':
        return answer({ orders: this.book.searchOrders(accountId, body) });
      case '/api/order/searchopen':
        return answer({ orders: this.book.openOrders(accountId) });
      case '/api/position/searchopen':
        return answer({ positions: this.reads.positionList(this.book.net.values(), accountId) });
      case '/api/trade/search':
        return answer({ trades: this.reads.tradeSearch(accountId, body) });
      case '/api/position/closecontract':
      case '/api/position/partialclosecontract':
        return this.book.flatten(accountId, String(body.contractId), body.size, at);
      default:
        return undefined;
    }
  }
}
