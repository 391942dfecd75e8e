import Decimal from 'decimal.js';
import type { PositionLine } from './account-state';

/** Money arithmetic in 50 digits: sums of exact decimals stay exact (no rounding to a few places). */
export const Exact = Decimal.clone({ precision: 50 });
// A running average can repeat (100.1666…): kept to 20 places, so averaging never drifts into the cents.
const AVG_PRICE_PLACES = 20;
// Each fill's realized P&L is money: to 8 places (an average of 20 places would leave …0000002). Sums of
// these are never rounded.
const MONEY_PLACES = 8;

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

/**
 * Nets one fill into the position of its symbol (average cost): the part that closes realizes
 * (price − average) × quantity × point value, to 8 places; what opens or adds moves the average. Other
 * symbols' positions are untouched; a position netted to zero leaves the list.
 */
export function netIntoBook(positions: readonly PositionLine[], fill: BookFill): BookOutcome {
  const line = positions.find((p) => p.symbol === fill.symbol);
  const open = line?.netQuantity ?? 0;
  const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  const next = open + signed;
  const closing =
    open !== 0 && Math.sign(open) !== Math.sign(signed) ? Math.min(Math.abs(open), fill.quantity) : 0;
  const avg = line?.avgPrice ?? fill.price;
  let realized: Decimal | null = new Decimal(0);
  if (closing > 0) {
    realized =
      fill.pointValue === null
        ? null
        : money(
            new Exact(fill.price).minus(avg).times(closing).times(Math.sign(open)).times(fill.pointValue),
          );
  }
  const others = positions.filter((p) => p.symbol !== fill.symbol);
  if (next === 0) return { positions: others, realized };
  const avgPrice = nextAverage(open, line?.avgPrice ?? null, signed, next, fill.price);
  return { positions: [...others, { symbol: fill.symbol, netQuantity: next, avgPrice }], realized };
}

function nextAverage(open: number, avg: Decimal | null, signed: number, next: number, price: Decimal) {
  if (open === 0 || Math.sign(next) !== Math.sign(open)) return price; // opened or flipped: the fill's price
  if (Math.sign(signed) !== Math.sign(open)) return avg; // reduced: the average stays
  if (avg === null) return null; // added to a position of unknown average: still unknown
  const total = new Exact(avg).times(Math.abs(open)).plus(new Exact(price).times(Math.abs(signed)));
  return new Decimal(total.dividedBy(Math.abs(next)).toDecimalPlaces(AVG_PRICE_PLACES));
}

/** The signed total of the positions' quantities (what the contract rules use). */
export function signedTotal(positions: readonly PositionLine[]): number {
  return positions.reduce((sum, p) => sum + p.netQuantity, 0);
}

/** To 8 places; 0, never −0 (which would reach the API as -0). */
function money(x: Decimal): Decimal {
  const rounded = new Decimal(x.toDecimalPlaces(MONEY_PLACES));
  return rounded.isZero() ? new Decimal(0) : rounded;
}
