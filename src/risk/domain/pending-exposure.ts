import Decimal from 'decimal.js';

/**
 * Contracts of entry orders sent (or being sent) whose fills the platform has not reported yet, per side:
 * between an order's send and the platform's report, its quantity counts (issue 14, pending exposure), and
 * so does its worst case (`entries`) against the loss limits' room.
 */
export interface PendingExposure {
  buy: number;
  sell: number;
  /** The orders themselves, when the read listed them (their worst cases: pendingWorstCase). */
  entries?: readonly PendingEntry[];
}

/** One pending entry order, as the router recorded it: its stop-out risk is spent room until it is reported. */
export interface PendingEntry {
  symbol: string;
  quantity: number;
  entryPrice: Decimal | null;
  stopLoss: Decimal | null;
}

export const NO_PENDING: PendingExposure = Object.freeze({ buy: 0, sell: 0 });

export function addPending(p: PendingExposure, side: 'buy' | 'sell', quantity: number): PendingExposure {
  return side === 'buy' ? { buy: p.buy + quantity, sell: p.sell } : { buy: p.buy, sell: p.sell + quantity };
}

export function sumPending(a: PendingExposure, b: PendingExposure): PendingExposure {
  return { buy: a.buy + b.buy, sell: a.sell + b.sell };
}

/**
 * The largest position (absolute contracts) the account could hold after `signed` more contracts, whichever
 * of the pending orders fill: none, every pending buy, or every pending sell (both sides filling lies
 * between). With nothing pending, |open + signed|.
 */
export function worstPosition(open: number, pending: PendingExposure, signed = 0): number {
  return Math.max(
    Math.abs(open + signed),
    Math.abs(open + pending.buy + signed),
    Math.abs(open - pending.sell + signed),
  );
}

/**
 * The summed worst cases (quantity × |entry − stop| × point value) of pending entries: two alerts cannot both
 * spend the same daily-loss room, whether decided from one read or one after the other. An entry without an
 * entry price, a stop or a known contract adds nothing (as an order with an unknown worst case, see
 * worstCaseLoss).
 */
export function pendingWorstCase(
  entries: readonly PendingEntry[],
  pointValueOf: (symbol: string) => Decimal | null,
): Decimal {
  let total = new Decimal(0);
  for (const e of entries) {
    const pointValue = pointValueOf(e.symbol);
    if (e.entryPrice === null || e.stopLoss === null || pointValue === null) continue;
    total = total.plus(e.entryPrice.minus(e.stopLoss).abs().times(e.quantity).times(pointValue));
  }
  return total;
}
