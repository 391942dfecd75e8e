import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Decimal from 'decimal.js';
import { FakeFill, rootOf } from './fake-ledger';
import type { FakeMarket } from './fake-market';
import { ok, type Json, type Reply } from './http-fake';
import type { ProjectXOrderBook } from './projectx-orders';
import type { ProjectXReads } from './projectx-reads';
import { view } from './projectx-shapes';
import { HubClient, HubError, SignalRHub } from './signalr-hub';

/*
 * The ProjectX fake's real-time hubs (SignalR, see signalr-hub.ts), on the fake's own HTTP server:
 *   /hubs/user   SubscribeAccounts(), SubscribeOrders|Positions|Trades(accountId) and their Unsubscribe*;
 *                pushes GatewayUserAccount {id, name, balance, canTrade, ...}, GatewayUserOrder {id, accountId,
 *                contractId, status, type, side, size, limitPrice, stopPrice, fillVolume, filledPrice,
 *                customTag, ...}, GatewayUserPosition {id, accountId, contractId, type, size, averagePrice}
 *                (size 0 once closed) and GatewayUserTrade {id, accountId, contractId, price, profitAndLoss,
 *                fees, side, size, orderId, ...} — the REST shapes — for every change the fake makes. A
 *                duplicated fill (`/_fake/duplicate-fills`) is pushed twice. The user hub carries no P&L.
 *   /hubs/market SubscribeContractQuotes(contractId) / UnsubscribeContractQuotes: GatewayQuote(contractId,
 *                {symbol, lastPrice, bestBid, bestAsk, lastUpdated, timestamp}) now and on every price move.
 * Faults (POST, JSON body, at the server root like the market's controls):
 *   /_fake/drop-streams {}          → terminates every hub socket (no close message) → {dropped}
 *   /_fake/refuse-streams {"ms":N}  → hub connections get HTTP 503 for N ms → {ms}
 * (`/_fake/expire-tokens` kills every token: new hub connections get 401; see projectx-fake.ts.)
 */

interface UserSubscriptions {
  accounts: boolean;
  orders: Set<number>;
  positions: Set<number>;
  trades: Set<number>;
}
type AccountTopic = Exclude<keyof UserSubscriptions, 'accounts'>;

export class ProjectXHubs {
  private readonly user: SignalRHub;
  private readonly market: SignalRHub;
  private readonly subs = new Map<HubClient, UserSubscriptions>();
  private readonly quotes = new Map<HubClient, Set<string>>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    authorize: (token: string | undefined) => boolean,
    private readonly book: ProjectXOrderBook,
    private readonly reads: ProjectXReads,
    private readonly prices: FakeMarket,
  ) {
    this.user = new SignalRHub({
      path: '/hubs/user',
      authorize,
      onLeave: (c) => this.subs.delete(c),
      methods: {
        SubscribeAccounts: (c) => void (this.of(c).accounts = true),
        UnsubscribeAccounts: (c) => void (this.of(c).accounts = false),
        ...this.accountMethods('Orders', 'orders'),
        ...this.accountMethods('Positions', 'positions'),
        ...this.accountMethods('Trades', 'trades'),
      },
    });
    this.market = new SignalRHub({
      path: '/hubs/market',
      authorize,
      onLeave: (c) => this.quotes.delete(c),
      methods: {
        SubscribeContractQuotes: (c, [id]) => this.subscribeQuotes(c, id),
        UnsubscribeContractQuotes: (c, [id]) => void this.quotes.get(c)?.delete(String(id)),
      },
    });
    this.unsubscribe = [
      book.subscribe((order) => this.push('orders', order.accountId, 'GatewayUserOrder', view(order))),
      prices.subscribe((event) =>
        event.kind === 'fill' ? this.filled(event.fill) : this.priceMoved(event.root),
      ),
    ];
  }

  negotiate(path: string, token: string | undefined): Reply | undefined {
    return this.user.negotiate(path, token) ?? this.market.negotiate(path, token);
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.user.upgrade(req, socket, head) || this.market.upgrade(req, socket, head);
  }

  /** The hubs' faults; undefined for another control. */
  control(name: string, body: Json | null): Reply | undefined {
    if (name === 'drop-streams') return ok({ dropped: this.drop() });
    if (name === 'refuse-streams' && typeof body?.ms === 'number' && body.ms >= 0) {
      this.user.refuse(body.ms);
      this.market.refuse(body.ms);
      return ok({ ms: body.ms });
    }
    return undefined;
  }

  drop(): number {
    return this.user.drop() + this.market.drop();
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    this.user.close();
    this.market.close();
  }

  private of(client: HubClient): UserSubscriptions {
    let subs = this.subs.get(client);
    if (!subs) {
      subs = { accounts: false, orders: new Set(), positions: new Set(), trades: new Set() };
      this.subs.set(client, subs);
    }
    return subs;
  }

  private accountMethods(name: string, topic: AccountTopic) {
    const id = (args: unknown[]) => {
      if (!Number.isInteger(args[0])) throw new HubError('accountId must be a whole number');
      return Number(args[0]);
    };
    return {
      [`Subscribe${name}`]: (c: HubClient, args: unknown[]) => void this.of(c)[topic].add(id(args)),
      [`Unsubscribe${name}`]: (c: HubClient, args: unknown[]) => void this.of(c)[topic].delete(id(args)),
    };
  }

  /** A fill (each copy of a duplicated one): the trade, then the position and balance it changed. */
  private filled(fill: FakeFill): void {
    const accountId = Number(fill.accountId);
    this.push('trades', accountId, 'GatewayUserTrade', this.reads.trade(fill));
    const entries = [...this.book.net.values()];
    const i = entries.findIndex(
      (p) => p.accountId === accountId && this.nameOf(p.contractId) === fill.symbol,
    );
    if (i >= 0)
      this.push('positions', accountId, 'GatewayUserPosition', this.reads.position(entries[i], i + 1));
    const account = this.reads.account(accountId);
    for (const [client, subs] of this.subs) if (subs.accounts) client.send('GatewayUserAccount', account);
  }

  private push(topic: AccountTopic, accountId: number, target: string, payload: Json): void {
    for (const [client, subs] of this.subs) if (subs[topic].has(accountId)) client.send(target, payload);
  }

  private subscribeQuotes(client: HubClient, contractId: unknown): void {
    const contract = this.book.contracts.find((c) => c.id === contractId);
    if (!contract) throw new HubError(`Contract ${String(contractId)} not found`);
    const set = this.quotes.get(client) ?? new Set<string>();
    set.add(contract.id);
    this.quotes.set(client, set);
    client.send('GatewayQuote', contract.id, this.quote(contract.id));
  }

  private priceMoved(root: string): void {
    for (const [client, ids] of this.quotes) {
      for (const id of ids)
        if (rootOf(this.nameOf(id)) === root) client.send('GatewayQuote', id, this.quote(id));
    }
  }

  /** The Gateway's quote of a contract at the fake's price (its mark until one is set). */
  private quote(contractId: string): Json {
    const contract = this.book.contracts.find((c) => c.id === contractId);
    const mark = contract ? new Decimal(String(contract.mark)) : undefined;
    const price = contract ? this.prices.price(contract.name, mark).toNumber() : null;
    const now = new Date().toISOString();
    return {
      symbol: contract?.symbolId ?? contractId,
      symbolName: contract?.name ?? contractId,
      lastPrice: price,
      bestBid: price,
      bestAsk: price,
      lastUpdated: now,
      timestamp: now,
    };
  }

  private nameOf(contractId: string): string {
    return this.book.contracts.find((c) => c.id === contractId)?.name ?? contractId;
  }
}
