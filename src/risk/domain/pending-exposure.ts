/**
 * Contracts of entry orders sent (or being sent) whose fills the platform has not reported yet, per side:
 * between an order's send and the platform's report, its quantity counts (issue 14, pending exposure).
 */
export interface PendingExposure {
  buy: number;
  sell: number;
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
