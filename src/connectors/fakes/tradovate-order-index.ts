import type { TvOrder } from './tradovate-shapes';

/**
 * The Tradovate fake's orders, indexed: by id, bracket legs by their entry, the accounts ordered for, and the
 * orders placed or changed since the user sync last looked. Every change of an order is `touch`ed, so the
 * sync compares only those: it looks after every request, and comparing every order ever placed made each
 * order cost time in proportion to all the orders before it.
 */
export class TvOrderIndex {
  private readonly byId = new Map<number, TvOrder>();
  private readonly legs = new Map<number, TvOrder[]>();
  private readonly changed = new Set<TvOrder>();
  private readonly accounts = new Set<string>();

  add(order: TvOrder): void {
    this.byId.set(order.id, order);
    this.accounts.add(String(order.accountId));
    if (order.parentId !== null) {
      const same = this.legs.get(order.parentId);
      if (same) same.push(order);
      else this.legs.set(order.parentId, [order]);
    }
    this.touch(order);
  }

  get(id: number): TvOrder | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<TvOrder> {
    return this.byId.values();
  }

  legsOf(entryId: number): readonly TvOrder[] {
    return this.legs.get(entryId) ?? [];
  }

  touch(order: TvOrder): void {
    this.changed.add(order);
  }

  /** The orders placed or changed since the previous call, by id. */
  takeChanged(): TvOrder[] {
    const out = [...this.changed].sort((a, b) => a.id - b.id);
    this.changed.clear();
    return out;
  }

  /** Every account an order was placed for (kept across clear, as the fake's accounts are). */
  accountsOfOrders(): ReadonlySet<string> {
    return this.accounts;
  }

  clear(): void {
    this.byId.clear();
    this.legs.clear();
    this.changed.clear();
  }
}
