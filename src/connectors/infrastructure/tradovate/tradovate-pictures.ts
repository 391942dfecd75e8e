import type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';
import type { PropsData } from './tradovate-frames';
import * as S from './tradovate-state';

/** The `cashBalance` entity; `openPnL` only where the server adds the cash balance snapshot's field. */
interface CashBalanceEntity {
  accountId: number;
  amount?: number;
  realizedPnL?: number;
  openPnL?: number;
}

type Entity = Record<string, unknown>;

/** The syncrequest answer's lists this reducer keeps (Tradovate's SyncMessage keys). */
const LISTS: Record<string, string> = {
  cashBalances: 'cashBalance',
  positions: 'position',
  fills: 'fill',
  orders: 'order',
  orderVersions: 'orderVersion',
  contracts: 'contract',
};

/**
 * The picture of each account a Tradovate user stream keeps: the `user/syncrequest` snapshot, then every
 * `props` event applied to it. `accounts` maps Tradovate account ids to the trading accounts they are. A fill
 * is reported once per id for the life of the reducer (Tradovate does send fills twice), in the picture of
 * the account its order belongs to; a fill whose order is not known yet waits for it.
 */
export class TradovatePictures {
  private cash = new Map<number, CashBalanceEntity>();
  private positions = new Map<number, S.TradovatePosition>();
  private orders = new Map<number, S.TradovateOrderEntity>();
  private versions = new Map<number, S.TradovateOrderVersion>();
  private readonly names = new Map<number, string>();
  private readonly seenFills = new Set<number>();
  private waiting: S.TradovateFill[] = [];
  private readonly fresh = new Map<number, S.TradovateFill[]>();

  constructor(private readonly accounts: ReadonlyMap<number, number>) {}

  /** Replaces the picture with a syncrequest answer; returns the trading accounts it covers (all). */
  load(snapshot: Record<string, unknown>): number[] {
    this.cash = new Map();
    this.positions = new Map();
    this.orders = new Map();
    this.versions = new Map();
    this.waiting = [];
    for (const [key, entityType] of Object.entries(LISTS)) {
      const list = snapshot[key];
      if (!Array.isArray(list)) continue;
      for (const entity of list as Entity[]) this.put(entityType, entity);
    }
    this.attribute();
    return [...this.accounts.values()];
  }

  /** Applies one event; returns the trading accounts whose picture it changed. */
  apply(event: PropsData): number[] {
    const touched = new Set<number>();
    const mark = (tradovateId: unknown) => {
      const id = this.accounts.get(Number(tradovateId));
      if (id !== undefined) touched.add(id);
    };
    const e = event.entity;
    if (event.eventType === 'Deleted') this.remove(event.entityType, Number(e.id));
    else this.put(event.entityType, e);
    if (event.entityType === 'orderVersion') mark(this.orders.get(Number(e.orderId))?.accountId);
    else if (event.entityType === 'fill' || event.entityType === 'order') {
      for (const account of this.attribute()) touched.add(account);
      if (event.entityType === 'order') mark(e.accountId);
    } else if (event.entityType === 'position' || event.entityType === 'cashBalance') mark(e.accountId);
    return [...touched];
  }

  /** Contract ids the pictures name that have no name yet (resolve them, then `named`). */
  unnamed(): number[] {
    const ids = [
      ...[...this.positions.values()].map((p) => p.contractId),
      ...[...this.orders.values()].map((o) => o.contractId),
      ...[...this.fresh.values()].flat().map((f) => f.contractId),
    ];
    return [...new Set(ids)].filter((id) => !this.names.has(id));
  }

  named(contractId: number, name: string): void {
    this.names.set(contractId, name);
  }

  /** One account's full picture, with the fills first seen since its previous picture (then forgotten). */
  picture(accountId: number, readAt: string): PlatformAccountSnapshot {
    const tradovateId = [...this.accounts].find(([, id]) => id === accountId)?.[0] ?? -1;
    const cash = this.cash.get(tradovateId);
    const fills = this.fresh.get(accountId) ?? [];
    this.fresh.delete(accountId);
    const state = S.tradovateState(
      {
        cash: { totalCashValue: cash?.amount, openPnL: cash?.openPnL, realizedPnL: cash?.realizedPnL },
        positions: [...this.positions.values()],
        fills,
        orders: [...this.orders.values()],
        versions: [...this.versions.values()],
      },
      tradovateId,
      null,
      (id) => this.names.get(id) ?? String(id),
    );
    return { accountId, ...state, readAt };
  }

  private put(entityType: string, e: Entity): void {
    const id = Number(e.id);
    switch (entityType) {
      case 'cashBalance':
        this.cash.set(Number(e.accountId), e as unknown as CashBalanceEntity);
        return;
      case 'position':
        this.positions.set(id, e as unknown as S.TradovatePosition);
        return;
      case 'order':
        this.orders.set(id, e as unknown as S.TradovateOrderEntity);
        return;
      case 'orderVersion': {
        const v = e as unknown as S.TradovateOrderVersion;
        const current = this.versions.get(v.orderId);
        if (!current || current.id <= v.id) this.versions.set(v.orderId, v);
        return;
      }
      case 'contract':
        if (typeof e.name === 'string') this.names.set(id, e.name);
        return;
      case 'fill':
        if (Number.isFinite(id) && !this.seenFills.has(id) && e.active !== false) {
          this.seenFills.add(id);
          this.waiting.push(e as unknown as S.TradovateFill);
        }
    }
  }

  private remove(entityType: string, id: number): void {
    if (entityType === 'position') this.positions.delete(id);
    else if (entityType === 'order') this.orders.delete(id);
  }

  /** Moves waiting fills whose order is now known to their account's fresh fills; returns those accounts. */
  private attribute(): number[] {
    const touched = new Set<number>();
    this.waiting = this.waiting.filter((f) => {
      const order = this.orders.get(f.orderId);
      if (!order) return true;
      const account = this.accounts.get(order.accountId);
      if (account !== undefined) {
        this.fresh.set(account, [...(this.fresh.get(account) ?? []), f]);
        touched.add(account);
      }
      return false;
    });
    return [...touched];
  }
}
