import Decimal from 'decimal.js';
import type { PositionLine } from './account-state';

/** Money arithmetic in 50 digits: sums of exact decimals stay exact (no rounding to a few places). */
export const Exact = Decimal.clone({ precision: 50 });
// An average can repeat (100.1666…): it is kept to 30 places, and the cost it stands for (average × contracts,
// which has no more places than the prices it was summed from) is recovered to 15 places, exactly. A partial
// close releases its share of that cost to 15 places and the rest stays with the position, so the P&L of a
// position closed in parts adds up exactly to that of one close: an exact −1,000.00 day is −1000.00.
const AVG_PRICE_PLACES = 30;
const COST_PLACES = 15;

/** One platform fill as the book nets it. */
export interface BookFill {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: Decimal;
  /** USD per point; null when the contract is unknown (the fill moves the position but is not valued). */
  pointValue: Decimal | null;
}

export interface BookOutcome {
  positions: PositionLine[];
  /** P&L realized by the closing part of the fill; null when it closes something it cannot value. */
  realized: Decimal | null;
}

export interface Netted {
  /** Signed contracts after the fill. */
  netQuantity: number;
  avgPrice: Decimal | null;
  /** P&L realized by the closing part (0 when nothing closes); null when it closes something it cannot value. */
  realized: Decimal | null;
}

/**
 * Nets a fill into one position (signed contracts at an average cost): the part that closes realizes
 * (price × contracts − their share of the cost) × point value, exactly; what opens or adds moves the average.
 */
export function netFill(
  open: number,
  avg: Decimal | null,
  fill: Pick<BookFill, 'side' | 'quantity' | 'price' | 'pointValue'>,
): Netted {
  const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  const next = open + signed;
  const closing =
    open !== 0 && Math.sign(open) !== Math.sign(signed) ? Math.min(Math.abs(open), fill.quantity) : 0;
  const cost = costOf(avg ?? fill.price, open);
  let realized: Decimal | null = new Decimal(0);
  let released = new Exact(0);
  if (closing > 0) {
    released =
      closing === Math.abs(open)
        ? cost
        : cost.times(closing).dividedBy(Math.abs(open)).toDecimalPlaces(COST_PLACES);
    realized =
      fill.pointValue === null
        ? null
        : nonNegativeZero(
            new Exact(fill.price)
              .times(closing)
              .minus(released)
              .times(Math.sign(open))
              .times(fill.pointValue),
          );
  }
  return {
    netQuantity: next,
    avgPrice: nextAverage(open, avg, cost.minus(released), signed, next, fill.price),
    realized,
  };
}

/**
 * Nets one fill into the position of its symbol (netFill). Other symbols' positions are untouched; a position
 * netted to zero leaves the list.
 */
export function netIntoBook(positions: readonly PositionLine[], fill: BookFill): BookOutcome {
  const line = positions.find((p) => p.symbol === fill.symbol);
  const netted = netFill(line?.netQuantity ?? 0, line?.avgPrice ?? null, fill);
  const others = positions.filter((p) => p.symbol !== fill.symbol);
  if (netted.netQuantity === 0) return { positions: others, realized: netted.realized };
  return {
    positions: [
      ...others,
      { symbol: fill.symbol, netQuantity: netted.netQuantity, avgPrice: netted.avgPrice },
    ],
    realized: netted.realized,
  };
}

/** Open P&L of a position marked at `price`: (price × contracts − cost) × point value, exactly. */
export function markToMarket(net: number, avg: Decimal | null, price: Decimal, pointValue: Decimal): Decimal {
  if (net === 0 || avg === null) return new Decimal(0);
  const cost = costOf(avg, net);
  return nonNegativeZero(
    new Exact(price).times(Math.abs(net)).minus(cost).times(Math.sign(net)).times(pointValue),
  );
}

function costOf(avg: Decimal, net: number): Decimal {
  return new Exact(avg).times(Math.abs(net)).toDecimalPlaces(COST_PLACES);
}

function nextAverage(
  open: number,
  avg: Decimal | null,
  remainingCost: Decimal,
  signed: number,
  next: number,
  price: Decimal,
): Decimal | null {
  if (next === 0) return null;
  if (open === 0 || Math.sign(next) !== Math.sign(open)) return price; // opened or flipped: the fill's price
  if (avg === null) return null; // a position of unknown average: still unknown
  const cost =
    Math.sign(signed) === Math.sign(open)
      ? remainingCost.plus(new Exact(price).times(Math.abs(signed)))
      : remainingCost;
  return new Decimal(cost.dividedBy(Math.abs(next)).toDecimalPlaces(AVG_PRICE_PLACES));
}

/** The signed total of the positions' quantities (what the contract rules use). */
export function signedTotal(positions: readonly PositionLine[]): number {
  return positions.reduce((sum, p) => sum + p.netQuantity, 0);
}

/** 0, never −0 (which would reach the API as -0). */
function nonNegativeZero(x: Decimal): Decimal {
  return x.isZero() ? new Decimal(0) : new Decimal(x);
}
