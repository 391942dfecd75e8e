import Decimal from 'decimal.js';
import type { AccountState } from './account-state';
import { Exact, markToMarket, netFill } from './position-book';

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

/**
 * Nets a fill into the account's single position (signed contracts, average cost; netFill: exact, never
 * rounded), realizes P&L on the part that closes into today's P&L, marks what stays open at the fill price and
 * raises the intraday high-water mark. The caller rolls the trading day first.
 */
export function applyFill(state: AccountState, fill: Fill, now: Date): FillOutcome {
  const { state: next, realizedPnl } = netInto(state, fill, now);
  return {
    realizedPnl,
    state: { ...next, realizedPnlToday: new Decimal(new Exact(state.realizedPnlToday).plus(realizedPnl)) },
  };
}

/**
 * A fill dated on an earlier trading day than the state's: it moves the position and the balance, but its
 * P&L belongs to the day it happened, so today's P&L keeps its value and the day started that much higher or
 * lower (the start-of-day balance, the prior end-of-day balance a percentage daily loss is taken of). That
 * day's close may have set the end-of-day high-water mark higher; a loss never lowers the mark already taken.
 */
export function applyLateFill(state: AccountState, fill: Fill, now: Date): FillOutcome {
  const { state: next, realizedPnl } = netInto(state, fill, now);
  const startOfDayBalance = new Decimal(new Exact(state.startOfDayBalance).plus(realizedPnl));
  return {
    realizedPnl,
    state: {
      ...next,
      startOfDayBalance,
      highWaterMarkEod: Decimal.max(state.highWaterMarkEod, startOfDayBalance),
    },
  };
}

function netInto(state: AccountState, fill: Fill, now: Date): FillOutcome {
  const netted = netFill(state.openContracts, state.avgPrice, fill);
  const realizedPnl = netted.realized ?? new Decimal(0);
  const openPnl = markToMarket(netted.netQuantity, netted.avgPrice, fill.price, fill.pointValue);
  const balance = new Decimal(new Exact(state.balance).plus(realizedPnl));
  return {
    realizedPnl,
    state: {
      ...state,
      balance,
      openPnl,
      highWaterMarkIntraday: Decimal.max(state.highWaterMarkIntraday, new Exact(balance).plus(openPnl)),
      openContracts: netted.netQuantity,
      avgPrice: netted.avgPrice,
      positionSymbol: netted.netQuantity === 0 ? null : fill.symbol,
      updatedAt: now,
    },
  };
}
