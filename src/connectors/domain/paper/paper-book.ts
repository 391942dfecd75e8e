import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import {
  applyToPosition,
  fillPriceAt,
  isOpen,
  NewOrder,
  noPrice,
  ORDER_DEFAULTS,
  openPnlOf,
  opposite,
  PaperBookData,
  PaperEntry,
  PaperExit,
  PaperFill,
  PaperOrder,
  PaperOrderStatus,
  PaperOrderType,
  PaperPosition,
  PaperRejection,
  PaperSide,
  PaperStop,
} from './paper-orders';

/**
 * The paper platform's books (issue 19, "Paper accounts"): one account's cash, positions, working orders and
 * fills, kept by PropRouter itself instead of a broker. Plain exact decimals; the infrastructure loads a book
 * under its row lock, calls these methods and writes back what changed (`changedOrders`, `newFills`).
 *
 * Fill prices: a market order fills at the alert's price when the alert gave one, else at the symbol's
 * mark (the last price posted or alerted); a stop that triggers becomes a market order and fills at the
 * price that triggered it (a gap through the stop fills worse, as at a broker); a limit fills at its own
 * price. A bracket's stop and target are one-cancels-other: the fill of one cancels the other.
 */

export class PaperBook {
  balance: Decimal;
  realized: Decimal;
  readonly positions: Map<string, PaperPosition>;
  readonly orders: Map<string, PaperOrder>;
  /** Orders created or changed since the book was loaded, and the fills made. */
  readonly changedOrders = new Set<string>();
  readonly newFills: PaperFill[] = [];

  constructor(
    data: PaperBookData,
    /** Dollars per point of one contract of a root; null: the contract is unknown. */
    private readonly pointValue: (symbol: string) => Decimal | null,
    private readonly now: () => Date,
  ) {
    this.balance = data.balance;
    this.realized = data.realized;
    this.positions = new Map(data.positions.map((p) => [p.symbol, { ...p }]));
    this.orders = new Map(data.orders.map((o) => [o.id, { ...o }]));
  }

  /**
   * Places an entry and its bracket legs (PENDING until the entry fills). A MARKET entry fills now at the
   * alert's price or, when the alert gave none, at `mark`; a LIMIT or STOP entry fills now when `mark` makes
   * it marketable, else it works until a price reaches it.
   */
  placeEntry(entry: PaperEntry, mark: Decimal | null): PaperOrder {
    if (entry.type !== 'MARKET' && entry.price === null)
      throw new PaperRejection(`a ${entry.type} order needs a price (entry_price)`);
    const marketPrice = entry.price ?? mark;
    if (entry.type === 'MARKET' && marketPrice === null) throw noPrice(entry.symbol);
    const { clientOrderId, symbol, side, quantity, type } = entry;
    const price = type === 'MARKET' ? null : entry.price;
    const order = this.add({ clientOrderId, symbol, side, quantity, type, price });
    // bracket legs wait (PENDING) until their entry fills, then work
    const leg = (legType: PaperOrderType, level: Decimal | null) =>
      level &&
      this.add({
        symbol,
        side: opposite(side),
        quantity,
        type: legType,
        price: level,
        parentId: order.id,
        reduceOnly: true,
        status: 'PENDING',
      });
    leg('STOP', entry.stopLoss);
    leg('LIMIT', entry.takeProfit);
    if (entry.type === 'MARKET') this.fill(order, marketPrice!);
    else if (mark !== null) this.trigger(order, mark);
    return order;
  }

  /** A stop order on its own (a protective stop placed after the entry). */
  placeStop(stop: PaperStop): PaperOrder {
    return this.add({ ...stop, type: 'STOP', reduceOnly: true });
  }

  /** Cancels a working or pending order; a finished one is refused (as a broker refuses it). */
  cancel(orderId: string): PaperOrder {
    const order = this.orders.get(orderId);
    if (!order || (order.status !== 'WORKING' && order.status !== 'PENDING'))
      throw new PaperRejection(`order ${orderId} is not working`);
    return this.finish(order, 'CANCELLED');
  }

  /** Brings a working or pending order to `quantity` (a whole number > 0), as a broker's modify does. */
  resize(orderId: string, quantity: number): PaperOrder {
    const order = this.orders.get(orderId);
    if (!order || !isOpen(order)) throw new PaperRejection(`order ${orderId} is not working`);
    if (!Number.isInteger(quantity) || quantity <= 0)
      throw new PaperRejection(`quantity must be a whole number above 0, not ${quantity}`);
    order.quantity = quantity;
    this.changedOrders.add(order.id);
    return order;
  }

  /**
   * Closes what an entry opened: cancels the entry's bracket legs and fills a market order the other way, for
   * at most what is held in that direction (reduce-only), at `price` (the exit alert's) or the mark.
   */
  close(exit: PaperExit): PaperOrder {
    for (const o of this.orders.values())
      if (o.parentId !== null && o.parentId === exit.entryOrderId && isOpen(o)) this.finish(o, 'CANCELLED');
    const side = opposite(exit.entrySide);
    const quantity = Math.min(exit.quantity, this.reducible(exit.symbol, side));
    if (quantity > 0 && exit.price === null) throw noPrice(exit.symbol);
    const { clientOrderId, symbol } = exit;
    const order = this.add({ clientOrderId, symbol, side, quantity, type: 'MARKET', reduceOnly: true });
    if (quantity === 0) return this.finish(order, 'CANCELLED');
    this.fill(order, exit.price!);
    return order;
  }

  /** A new price for a symbol: every working order of it that the price reaches fills; returns those fills. */
  onPrice(symbol: string, price: Decimal): PaperFill[] {
    const before = this.newFills.length;
    // entries first (their fill arms their bracket legs), then stops and targets, oldest first
    const working = () =>
      [...this.orders.values()].filter((o) => o.symbol === symbol && o.status === 'WORKING');
    for (const o of working().filter((x) => x.parentId === null)) this.trigger(o, price);
    for (const o of working()) this.trigger(o, price);
    return this.newFills.slice(before);
  }

  /** Open P&L of the open positions at the marks; a position with no mark counts 0. */
  openPnl(markOf: (symbol: string) => Decimal | null): Decimal {
    return openPnlOf(this.positions.values(), markOf, this.pointValue);
  }

  /** Fills `order` when `price` reaches it: a stop at `price`, a limit at its own price. */
  private trigger(order: PaperOrder, price: Decimal): void {
    const at = order.status === 'WORKING' ? fillPriceAt(order, price) : null;
    if (at) this.fill(order, at);
  }

  /** How many contracts an order of `side` can close: what is held the other way. */
  private reducible(symbol: string, side: PaperSide): number {
    const held = this.positions.get(symbol)?.net ?? 0;
    return Math.max(0, side === 'BUY' ? -held : held);
  }

  private fill(order: PaperOrder, price: Decimal): void {
    const pv = this.pointValue(order.symbol);
    if (pv === null) throw new PaperRejection(`unknown contract ${order.symbol}`);
    if (order.reduceOnly) {
      // a stop whose position is already gone cancels instead of opening one the other way
      order.quantity = Math.min(order.quantity, this.reducible(order.symbol, order.side));
      if (order.quantity === 0) return void this.finish(order, 'CANCELLED');
    }
    const p = this.positions.get(order.symbol) ?? { symbol: order.symbol, net: 0, average: new Decimal(0) };
    this.positions.set(order.symbol, p);
    const realized = applyToPosition(p, order.side === 'BUY' ? order.quantity : -order.quantity, price, pv);
    this.realized = this.realized.plus(realized);
    this.balance = this.balance.plus(realized);
    order.fillPrice = price;
    this.finish(order, 'FILLED');
    this.newFills.push({
      id: randomUUID(),
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      quantity: order.quantity,
      price,
      realized,
      filledAt: this.now(),
    });
    for (const o of this.orders.values()) {
      if (o.parentId === order.id && o.status === 'PENDING') this.mark(o, 'WORKING');
      // one-cancels-other: a bracket leg's fill cancels its sibling
      else if (order.parentId !== null && o.parentId === order.parentId && isOpen(o))
        this.finish(o, 'CANCELLED');
    }
  }

  private add(fields: NewOrder): PaperOrder {
    const order: PaperOrder = { ...ORDER_DEFAULTS, ...fields, id: randomUUID(), fillPrice: null };
    this.orders.set(order.id, order);
    this.changedOrders.add(order.id);
    return order;
  }

  private finish(order: PaperOrder, status: 'FILLED' | 'CANCELLED'): PaperOrder {
    this.mark(order, status);
    // a leg whose entry ends without a fill goes with it
    if (status === 'CANCELLED')
      for (const o of this.orders.values())
        if (o.parentId === order.id && o.status === 'PENDING') this.mark(o, 'CANCELLED');
    return order;
  }

  private mark(order: PaperOrder, status: PaperOrderStatus): void {
    order.status = status;
    this.changedOrders.add(order.id);
  }
}
