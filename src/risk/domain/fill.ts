import Decimal from 'decimal.js';
import type { AccountState } from './account-state';

export interface Fill {
  side: 'buy' | 'sell';
  quantity: number;
  price: Decimal;
  /** Normalized root. */
  symbol: string;
  pointValue: Decimal;
}

export interface FillOutcome {
  state: AccountState;
  realizedPnl: Decimal;
}

// A running average of tick prices can repeat (100.1666…): it is kept to 20 places in 50-digit
// arithmetic so that averaging many fills never drifts into the cents, and money to 8 places.
const Precise = Decimal.clone({ precision: 50 });
const AVG_PRICE_PLACES = 20;
const MONEY_PLACES = 8;

/**
 * Nets a fill into the account's single position (signed contracts, average entry price),
 * realizes P&L on the part that closes, marks what stays open at the fill price and raises the
 * intraday high-water mark. The caller rolls the trading day first.
 */
export function applyFill(state: AccountState, fill: Fill, now: Date): FillOutcome {
  const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  const open = state.openContracts;
  const next = open + signed;
  const closing =
    open !== 0 && Math.sign(open) !== Math.sign(signed) ? Math.min(Math.abs(open), fill.quantity) : 0;
  const price = new Precise(fill.price);
  const avg = state.avgPrice ?? fill.price;
  const realizedPnl = money(price.minus(avg).times(closing).times(Math.sign(open)).times(fill.pointValue));
  const avgPrice = nextAvgPrice(state, signed, next, fill.price);
  const openPnl =
    avgPrice === null ? new Decimal(0) : money(price.minus(avgPrice).times(next).times(fill.pointValue));
  const balance = state.balance.plus(realizedPnl);
  return {
    realizedPnl,
    state: {
      ...state,
      balance,
      realizedPnlToday: state.realizedPnlToday.plus(realizedPnl),
      openPnl,
      highWaterMarkIntraday: Decimal.max(state.highWaterMarkIntraday, balance.plus(openPnl)),
      openContracts: next,
      avgPrice,
      positionSymbol: next === 0 ? null : fill.symbol,
      updatedAt: now,
    },
  };
}

function nextAvgPrice(state: AccountState, signed: number, next: number, price: Decimal): Decimal | null {
  const open = state.openContracts;
  if (next === 0) return null;
  if (open === 0 || Math.sign(next) !== Math.sign(open)) return price;
  if (Math.sign(signed) !== Math.sign(open)) return state.avgPrice;
  const prior = new Precise(state.avgPrice ?? price).times(Math.abs(open));
  const average = prior.plus(new Precise(price).times(Math.abs(signed))).dividedBy(Math.abs(next));
  return new Decimal(average.toDecimalPlaces(AVG_PRICE_PLACES));
}

/** Money to 8 places; a short position marked flat is 0, not −0 (which would reach the API as -0). */
function money(x: Decimal): Decimal {
  const rounded = new Decimal(x.toDecimalPlaces(MONEY_PLACES));
  return rounded.isZero() ? new Decimal(0) : rounded;
}
