import type { PlatformState } from '../../application/ports/broker-connector.port';
import type {
  PlatformAccountSnapshot,
  PlatformFill,
  PlatformPosition,
  PlatformWorkingOrder,
} from '../../../shared-kernel/platform-state';
import { decimalText, orderFills } from '../state/decimal-text';
import type { ProjectXHubEvent } from './projectx-hub-events';
import { fillOf, positionOf, workingOf } from './projectx-state';

/** Order statuses that are still working at the Gateway: 1 Open, 6 Pending. */
const WORKING = new Set([1, 6]);

/**
 * One account's picture as the ProjectX user hub keeps it: the REST read it started from, then every event
 * applied in arrival order. Positions, orders and the balance are absolute in each event, so applying one
 * again (or one the REST read already saw) changes nothing; fills are kept once per fill id for the life of
 * the picture and handed out once each. `symbol` is the contract's name, resolved by the caller.
 */
export class AccountPicture {
  private balance: string | null = null;
  private readonly positions = new Map<string, PlatformPosition>();
  private readonly orders = new Map<string, PlatformWorkingOrder>();
  /** Order id → customTag, from order events: echoed on the order's fills. */
  private readonly tags = new Map<string, string>();
  private readonly seen = new Set<string>();
  private fresh: PlatformFill[] = [];

  constructor(readonly accountId: number) {}

  /** Starts again from a REST read (a (re)connect): its balance, positions and orders; its unseen fills. */
  reset(state: PlatformState): void {
    this.balance = state.balance;
    this.positions.clear();
    for (const p of state.positions) this.positions.set(p.symbol, p);
    this.orders.clear();
    for (const o of state.workingOrders) {
      this.orders.set(o.orderId, o);
      if (o.clientOrderId) this.tags.set(o.orderId, o.clientOrderId);
    }
    for (const f of state.fills) this.addFill(f);
  }

  /** Applies one hub event; `symbol` is the name of the contract it names (ignored for an account). */
  apply(event: ProjectXHubEvent, symbol: string): void {
    switch (event.kind) {
      case 'account': {
        const balance = decimalText(event.entity.balance);
        if (balance !== null) this.balance = balance;
        return;
      }
      case 'position':
        if (event.entity.size === 0) this.positions.delete(symbol);
        else this.positions.set(symbol, positionOf(event.entity, symbol));
        return;
      case 'order': {
        const id = String(event.entity.id);
        if (event.entity.customTag) this.tags.set(id, event.entity.customTag);
        if (WORKING.has(event.entity.status)) this.orders.set(id, workingOf(event.entity, symbol));
        else this.orders.delete(id);
        return;
      }
      case 'trade':
        if (event.entity.voided === true) return;
        this.addFill(fillOf(event.entity, symbol, this.tags.get(String(event.entity.orderId)) ?? null));
        return;
    }
  }

  /** The full picture now, with the fills first seen since the previous snapshot (oldest first). */
  snapshot(readAt: string, openPnl: string | null = null): PlatformAccountSnapshot {
    const fills = orderFills(this.fresh);
    this.fresh = [];
    return {
      accountId: this.accountId,
      balance: this.balance,
      openPnl,
      realizedPnl: null,
      positions: [...this.positions.values()],
      fills,
      workingOrders: [...this.orders.values()],
      readAt,
    };
  }

  /** The open positions (for open P&L). */
  openPositions(): PlatformPosition[] {
    return [...this.positions.values()];
  }

  private addFill(fill: PlatformFill): void {
    if (this.seen.has(fill.fillId)) return;
    this.seen.add(fill.fillId);
    this.fresh.push(fill);
  }
}
