import Decimal from 'decimal.js';
import type { FakeMarket } from './fake-market';
import type { FakeOrderRecord } from './fake-platform';
import type { Json, Reply } from './http-fake';
import {
  answer,
  bracketLegs,
  catalog,
  Contract,
  invalidModify,
  invalidOrder,
  notOpen,
  netPositions,
  PxOrder,
  STATUS,
  STATUS_NAME,
  TYPE_NAME,
  view,
  workingTrigger,
} from './projectx-shapes';

export interface Position {
  accountId: number;
  contractId: string;
  size: number;
  created: string;
}

/**
 * The ProjectX fake's contracts, orders and positions. customTag is unique per account; market orders fill at
 * once at the market's price (the contract's mark until one is set) and open their brackets (Stop/Limit, the
 * other side, one cancelling the other), whose ticks are signed as this fake reads the platform: long stop
 * < 0 < long target, reversed for a short. Limit/Stop entries fill when the price crosses them.
 */
export class ProjectXOrderBook {
  readonly contracts = catalog();
  private orderMap = new Map<number, PxOrder>();
  private tags = new Set<string>(); // "accountId customTag": unique per account, as ProjectX checks
  /** Keyed `accountId|contractId`. */
  readonly net = new Map<string, Position>();
  private nextId = 9001;
  private readonly listeners = new Set<(order: PxOrder) => void>();

  constructor(private readonly market: FakeMarket) {}

  /** Every order as it is created and whenever its status changes: for the user hub. */
  subscribe(listener: (order: PxOrder) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forget orders and positions (ids keep counting up). */
  clear(): void {
    this.orderMap.clear();
    this.tags.clear();
    this.net.clear();
  }

  orders(): FakeOrderRecord[] {
    return [...this.orderMap.values()].map((o) => ({ ...o.record, bracketIds: [...o.record.bracketIds] }));
  }
  positions(): Record<string, number> {
    return netPositions(this.net.values(), this.contracts).summed();
  }
  accountPositions(): Record<string, Record<string, number>> {
    return netPositions(this.net.values(), this.contracts).byAccount();
  }

  /** /api/Order/search: the account's orders from `startTimestamp` (to `endTimestamp` when given). */
  searchOrders(accountId: number, b: Json): Json[] {
    const from = Date.parse(String(b.startTimestamp));
    const to = b.endTimestamp ? Date.parse(String(b.endTimestamp)) : Infinity;
    const within = (o: PxOrder) => Date.parse(o.created) >= from && Date.parse(o.created) <= to;
    return this.accountOrders(accountId).flatMap((o) => (within(o) ? [view(o)] : []));
  }

  /** /api/Order/searchOpen. */
  openOrders(accountId: number): Json[] {
    return this.accountOrders(accountId).flatMap((o) => (o.status === STATUS.Open ? [view(o)] : []));
  }

  place(b: Json, at: number): Reply {
    const contract = this.contracts.find((c) => c.id === b.contractId);
    const problem = contract ? invalidOrder(b) : `Contract ${String(b.contractId)} not found`;
    if (problem || !contract) return answer({ orderId: null }, 2, problem);
    const alone = !b.stopLossBracket && !b.takeProfitBracket;
    if (Number(b.type) === 4 && alone && this.market.orderFaults.take('stop-order'))
      return answer({ orderId: null }, 2, 'Stop order rejected (fault: reject-stop-order)');
    const tag = typeof b.customTag === 'string' ? b.customTag : null;
    if (tag && this.tags.has(`${Number(b.accountId)} ${tag}`))
      return answer({ orderId: null }, 2, `An order with custom tag ${tag} already exists on this account`);
    const entry = this.record(b, contract, at, tag);
    const opened = (price: Decimal) => this.openBrackets(b, entry, contract, at, price);
    if (entry.type === 2) {
      const price = this.market.price(contract.name, new Decimal(String(contract.mark)));
      this.fill(entry, price);
      opened(price);
    } else this.work(entry, opened);
    return answer({ orderId: entry.id });
  }

  /** The bracket legs around the entry's fill price; one filling cancels the other. */
  private openBrackets(b: Json, entry: PxOrder, contract: Contract, at: number, fillPrice: Decimal): void {
    const legs: PxOrder[] = [];
    for (const [bracket, type] of bracketLegs(b)) {
      const ticks = Number((bracket as Json).ticks);
      const offset = new Decimal(String(contract.tickSize)).times(ticks);
      const level = fillPrice.plus(offset).toNumber();
      const price = type === 1 ? { limitPrice: level } : { stopPrice: level };
      const body = { accountId: b.accountId, type, side: 1 - Number(b.side), size: b.size, ...price };
      const leg = this.record(body, contract, at, null);
      // a trailing stop (5) starts `ticks` from the fill and trails the market by as much
      if (type === 5) leg.trail = offset.abs().toNumber();
      entry.record.bracketIds.push(leg.record.id);
      if (type !== 1 && this.market.orderFaults.take('stop-leg')) this.setStatus(leg, STATUS.Rejected);
      else legs.push(leg);
    }
    for (const leg of legs) this.work(leg, undefined, legs.length > 1 ? `oco-${entry.id}` : null);
  }

  /** A working Limit/Stop: filled by the market when its price crosses; `then` runs after the fill. */
  private work(order: PxOrder, then?: (price: Decimal) => void, oco: string | null = null): void {
    const fill = (price: Decimal) => {
      this.fill(order, price);
      then?.(price);
    };
    const trigger = workingTrigger(order, oco, fill, () => this.setStatus(order, STATUS.Cancelled));
    if (trigger) this.market.watch(trigger);
  }

  cancel(accountId: number, orderId: number): Reply {
    const order = this.orderMap.get(orderId);
    const closed = notOpen(order, orderId, accountId);
    if (closed || !order) return answer({}, closed?.code ?? 1, closed?.text);
    this.setStatus(order, STATUS.Cancelled);
    return answer({});
  }

  /**
   * /api/Order/modify {accountId, orderId, size?, limitPrice?, stopPrice?, trailPrice?}: an open order's size
   * (its fill books the new one). This fake modifies sizes only: a price sent must be the one the order holds.
   */
  modify(accountId: number, b: Json): Reply {
    const order = this.orderMap.get(Number(b.orderId));
    const problem = invalidModify(b, order, accountId);
    if (problem || !order) return answer({}, problem?.code ?? 1, problem?.text);
    order.record.quantity = Number(b.size ?? order.record.quantity);
    this.changed(order);
    return answer({});
  }

  /** /api/Position/closeContract, and partialCloseContract with `size`. */
  flatten(accountId: number, contractId: string, size: unknown, at: number): Reply {
    const position = this.net.get(`${accountId}|${contractId}`);
    const contract = this.contracts.find((c) => c.id === contractId);
    if (!position || position.accountId !== accountId || position.size === 0 || !contract)
      return answer({}, 2, 'No open position for this contract');
    const quantity = size === undefined ? Math.abs(position.size) : Number(size);
    if (!Number.isInteger(quantity) || quantity <= 0 || quantity > Math.abs(position.size))
      return answer({}, 2, `Cannot close ${String(size)} of ${Math.abs(position.size)}`);
    const side = position.size > 0 ? 1 : 0;
    const price = this.market.price(contract.name, new Decimal(String(contract.mark)));
    this.fill(this.record({ accountId, type: 2, side, size: quantity }, contract, at, null), price);
    return answer({});
  }

  private record(b: Json, contract: Contract, at: number, customTag: string | null): PxOrder {
    const id = this.nextId++;
    const [side, type] = [Number(b.side), Number(b.type)];
    const record: FakeOrderRecord = {
      id: String(id),
      accountId: String(b.accountId),
      accountSpec: null,
      clientOrderId: customTag,
      symbol: contract.name,
      side: side === 0 ? 'BUY' : 'SELL',
      quantity: Number(b.size),
      type: TYPE_NAME[type] ?? String(type),
      status: STATUS_NAME[STATUS.Open],
      bracketIds: [],
      body: b,
      receivedAt: at,
    };
    const price = (v: unknown) => (typeof v === 'number' ? v : null);
    const order: PxOrder = {
      id,
      accountId: Number(b.accountId),
      contract,
      created: new Date().toISOString(),
      status: STATUS.Open,
      type,
      side,
      limitPrice: price(b.limitPrice),
      stopPrice: price(b.stopPrice),
      customTag,
      filledPrice: null,
      trail: null,
      record,
    };
    this.orderMap.set(id, order);
    if (customTag !== null) this.tags.add(`${order.accountId} ${customTag}`);
    this.changed(order);
    return order;
  }

  private setStatus(order: PxOrder, status: number): void {
    order.status = status;
    order.record.status = STATUS_NAME[status];
    this.changed(order);
  }

  private changed(order: PxOrder): void {
    for (const listener of this.listeners) listener(order);
  }

  private fill(order: PxOrder, price: Decimal): void {
    order.filledPrice = price.toNumber();
    this.setStatus(order, STATUS.Filled);
    const signed = order.side === 0 ? order.record.quantity : -order.record.quantity;
    const key = `${order.accountId}|${order.contract.id}`;
    const before = this.net.get(key);
    const size = (before?.size ?? 0) + signed;
    const created = before && before.size !== 0 ? before.created : new Date().toISOString();
    this.net.set(key, { accountId: order.accountId, contractId: order.contract.id, size, created });
    this.market.fill({
      accountId: String(order.accountId),
      symbol: order.contract.name,
      side: order.record.side,
      quantity: order.record.quantity,
      price,
      orderId: String(order.id),
      clientOrderId: order.customTag,
    });
  }

  private accountOrders = (accountId: number): PxOrder[] =>
    [...this.orderMap.values()].filter((o) => o.accountId === accountId);
}
