import Decimal from 'decimal.js';

/** The paper platform's records (issue 19): orders, positions and fills, in exact decimals. */

export type PaperSide = 'BUY' | 'SELL';
export type PaperOrderType = 'MARKET' | 'LIMIT' | 'STOP';
/** PENDING: a bracket leg waiting for its entry to fill; WORKING: live at the paper platform. */
export type PaperOrderStatus = 'PENDING' | 'WORKING' | 'FILLED' | 'CANCELLED';

export interface PaperOrder {
  id: string;
  clientOrderId: string | null;
  /** The contract root (NQ, MNQ, ...). */
  symbol: string;
  side: PaperSide;
  quantity: number;
  type: PaperOrderType;
  /** The limit price (LIMIT) or the stop level (STOP); null for MARKET. */
  price: Decimal | null;
  /** The entry a bracket leg belongs to. */
  parentId: string | null;
  /** Bracket legs, protective stops and exits only ever reduce a position (never open the other way). */
  reduceOnly: boolean;
  status: PaperOrderStatus;
  /** The fill price once FILLED. */
  fillPrice: Decimal | null;
}

export interface PaperPosition {
  symbol: string;
  /** Signed: long > 0, short < 0. */
  net: number;
  average: Decimal;
}

export interface PaperFill {
  id: string;
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: PaperSide;
  quantity: number;
  price: Decimal;
  /** Realized P&L of this fill (0 for a fill that only opened or added). */
  realized: Decimal;
  filledAt: Date;
}

export interface PaperEntry {
  clientOrderId: string;
  symbol: string;
  side: PaperSide;
  quantity: number;
  type: PaperOrderType;
  /** The alert's price: a MARKET order's fill price, a LIMIT's limit, a STOP's level. */
  price: Decimal | null;
  stopLoss: Decimal | null;
  takeProfit: Decimal | null;
}

export interface PaperStop {
  clientOrderId: string;
  symbol: string;
  side: PaperSide;
  quantity: number;
  price: Decimal;
}

export interface PaperExit {
  clientOrderId: string;
  symbol: string;
  entrySide: PaperSide;
  quantity: number;
  entryOrderId: string | null;
  /** The exit alert's price, else the mark; null: neither is known. */
  price: Decimal | null;
}

/** A new order's fields; the rest default to ORDER_DEFAULTS. */
export type NewOrder = Pick<PaperOrder, 'symbol' | 'side' | 'quantity' | 'type'> &
  Partial<Pick<PaperOrder, 'clientOrderId' | 'price' | 'parentId' | 'reduceOnly' | 'status'>>;

export const ORDER_DEFAULTS = {
  clientOrderId: null,
  price: null,
  parentId: null,
  reduceOnly: false,
  status: 'WORKING',
} as const satisfies Partial<PaperOrder>;

/** The price a working order fills at when the market trades at `price`; null when it does not reach it. */
export function fillPriceAt(order: PaperOrder, price: Decimal): Decimal | null {
  if (order.type === 'MARKET') return price;
  const level = order.price!;
  const buy = order.side === 'BUY';
  // a triggered stop is a market order: it fills at the price that reached it (a gap fills worse)
  if (order.type === 'STOP') return (buy ? price.gte(level) : price.lte(level)) ? price : null;
  return (buy ? price.lte(level) : price.gte(level)) ? level : null;
}

/** A paper business refusal: the order is REJECTED, never retried. */
export class PaperRejection extends Error {}

export interface PaperBookData {
  balance: Decimal;
  realized: Decimal;
  positions: PaperPosition[];
  /** The account's PENDING and WORKING orders (finished ones are history: not loaded). */
  orders: PaperOrder[];
}

/** Books a fill of `signed` contracts (buy > 0) at `price` into the position; returns its realized P&L. */
export function applyToPosition(p: PaperPosition, signed: number, price: Decimal, pv: Decimal): Decimal {
  const quantity = Math.abs(signed);
  if (p.net === 0 || Math.sign(p.net) === Math.sign(signed)) {
    const held = Math.abs(p.net);
    p.average = p.average
      .times(held)
      .plus(price.times(quantity))
      .div(held + quantity);
    p.net += signed;
    return new Decimal(0);
  }
  const closing = Math.min(quantity, Math.abs(p.net));
  const realized = price
    .minus(p.average)
    .times(closing * Math.sign(p.net))
    .times(pv);
  const next = p.net + signed;
  if (next === 0) p.average = new Decimal(0);
  else if (Math.sign(next) !== Math.sign(p.net)) p.average = price;
  p.net = next;
  return realized;
}

/** Open P&L of positions at the marks; a position with no mark (or an unknown contract) counts 0. */
export function openPnlOf(
  positions: Iterable<PaperPosition>,
  markOf: (symbol: string) => Decimal | null,
  pointValue: (symbol: string) => Decimal | null,
): Decimal {
  let sum = new Decimal(0);
  for (const p of positions) {
    const mark = markOf(p.symbol);
    const pv = pointValue(p.symbol);
    if (p.net !== 0 && mark !== null && pv !== null)
      sum = sum.plus(mark.minus(p.average).times(p.net).times(pv));
  }
  return sum;
}

export function opposite(side: PaperSide): PaperSide {
  return side === 'BUY' ? 'SELL' : 'BUY';
}

export function isOpen(o: PaperOrder): boolean {
  return o.status === 'WORKING' || o.status === 'PENDING';
}

export function noPrice(symbol: string): PaperRejection {
  return new PaperRejection(
    `no price for ${symbol}: the alert gave none and none was posted (POST /api/paper/prices)`,
  );
}
