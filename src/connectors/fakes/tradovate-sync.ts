import type { FakeFill } from './fake-ledger';
import type { FakeMarket } from './fake-market';
import type { FakeAccount } from './fake-platform';
import type { Json } from './http-fake';
import type { TradovateContracts } from './tradovate-contracts';
import type { BookState } from './tradovate-reads';
import type { TvOrderIndex } from './tradovate-order-index';
import { fillView, TvOrder, version, view } from './tradovate-shapes';

/** What the user sync reads of the order book. */
export interface SyncedBook {
  state(): BookState;
  readonly index: Pick<TvOrderIndex, 'takeChanged' | 'accountsOfOrders'>;
}

/** Tradovate's user id of the fake's one login (the access token answer says the same). */
export const FAKE_USER_ID = 7;

/** One `props` event: `{"e":"props","d":{entityType, eventType, entity}}`. */
export interface PropsEvent {
  entityType: string;
  eventType: 'Created' | 'Updated' | 'Deleted';
  entity: Json;
}

/** The syncrequest answer's list key of each entity type the fake serves (Tradovate's SyncMessage keys). */
export const SYNC_LISTS: Record<string, string> = {
  user: 'users',
  account: 'accounts',
  cashBalance: 'cashBalances',
  position: 'positions',
  fill: 'fills',
  order: 'orders',
  orderVersion: 'orderVersions',
  contract: 'contracts',
};

/**
 * The Tradovate fake's user data as `user/syncrequest` entities: the snapshot a subscription starts with, and
 * the changes since the previous look (for `props` events). Entities are compared without their timestamps,
 * so a look that finds nothing new sends nothing.
 */
export class TradovateSyncViews {
  private seen = new Map<string, string>();
  private positionIds = new Map<string, number>();

  constructor(
    private readonly market: FakeMarket,
    private readonly contracts: TradovateContracts,
    private readonly accounts: FakeAccount[],
    private readonly book: SyncedBook,
  ) {}

  clear(): void {
    this.seen.clear();
  }

  /** Every entity of the wanted types (fills as the ledger lists them now, each once), by list key. */
  snapshot(types: ReadonlySet<string>): Json {
    const all = this.entities();
    const out: Json = { users: [{ id: FAKE_USER_ID, name: 'fake-user', status: 'Active' }] };
    for (const [type, key] of Object.entries(SYNC_LISTS)) {
      if (type === 'user' || !types.has(type)) continue;
      out[key] = all.filter((e) => e.type === type).map((e) => stamped(e.entity));
    }
    if (types.has('fill')) out.fills = uniqueFills(this.market.ledger.fills(null)).map((f) => this.fill(f));
    return out;
  }

  /**
   * The entities created or changed since the previous call (orders first, so a fill's order is known). Only
   * the orders the book says were placed or changed since are looked at: the look runs after every request,
   * and comparing every order ever placed made each order cost time in proportion to all the orders before it.
   */
  changes(): PropsEvent[] {
    const events: PropsEvent[] = [];
    for (const { type, key, entity } of this.entities(this.book.index.takeChanged())) {
      const text = JSON.stringify(entity);
      const before = this.seen.get(key);
      if (before === text) continue;
      this.seen.set(key, text);
      const eventType = before === undefined ? 'Created' : 'Updated';
      events.push({ entityType: type, eventType, entity: stamped(entity) });
    }
    return events;
  }

  /** A fill as the `fill` entity. */
  fill(f: FakeFill): Json {
    return fillView(f, this.contracts.id(f.symbol));
  }

  /** The entities as Tradovate would list them, of `orders` only when given (and their contracts, versions). */
  private entities(orders?: TvOrder[]): { type: string; key: string; entity: Json }[] {
    const state = this.book.state();
    const out: { type: string; key: string; entity: Json }[] = [];
    const add = (type: string, id: unknown, entity: Json) => out.push({ type, key: `${type}:${id}`, entity });
    for (const a of this.accountIds()) {
      const known = this.accounts.find((x) => String(x.id) === a);
      add('account', a, {
        id: Number(a),
        name: known?.name ?? `ACC-${a}`,
        userId: FAKE_USER_ID,
        active: true,
      });
      add('cashBalance', a, this.cashBalance(a));
    }
    const contracts = new Set<number>();
    for (const o of orders ?? state.orders) {
      if (!contracts.has(o.contractId)) {
        contracts.add(o.contractId);
        add('contract', o.contractId, { id: o.contractId, name: o.record.symbol });
      }
      add('order', o.id, view(o));
      add('orderVersion', o.id, version(o));
    }
    for (const [accountId, name, netPos] of state.net) {
      const id = this.positionId(`${accountId}:${name}`);
      const average = this.market.ledger.position(accountId, name)?.average;
      add('position', id, {
        id,
        accountId: Number(accountId),
        contractId: this.contracts.id(name),
        netPos,
        netPrice: netPos !== 0 && average ? average.toNumber() : null,
      });
    }
    return out;
  }

  /**
   * The `cashBalance` entity (amount, realizedPnL as Tradovate's) plus `openPnL`, the REST cash balance
   * snapshot's field: see tradovate-stream.ts for why the fake's stream carries it.
   */
  private cashBalance(accountId: string): Json {
    const realized = this.market.ledger.realized(accountId);
    return {
      id: Number(accountId),
      accountId: Number(accountId),
      currencyId: 1,
      amount: this.market.ledger.balance(accountId).toNumber(),
      realizedPnL: realized.toNumber(),
      weekRealizedPnL: realized.toNumber(),
      openPnL: this.market.openPnl(accountId).toNumber(),
    };
  }

  private accountIds(): string[] {
    const ids = [
      ...this.accounts.map((a) => String(a.id)),
      ...this.market.ledger.accounts(),
      ...this.book.index.accountsOfOrders(),
    ];
    return [...new Set(ids)];
  }

  private positionId(key: string): number {
    let id = this.positionIds.get(key);
    if (id === undefined) {
      id = 90_001 + this.positionIds.size;
      this.positionIds.set(key, id);
    }
    return id;
  }
}

function stamped(entity: Json): Json {
  return { ...entity, timestamp: typeof entity.timestamp === 'string' ? entity.timestamp : now() };
}

function uniqueFills(fills: FakeFill[]): FakeFill[] {
  return fills.filter((f, i) => fills.findIndex((g) => g.id === f.id) === i);
}

const now = (): string => new Date().toISOString();
