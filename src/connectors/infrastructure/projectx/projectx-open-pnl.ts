import Decimal from 'decimal.js';
import type { PlatformPosition } from '../../../shared-kernel/platform-state';
import { decimalText } from '../state/decimal-text';

/** A contract's last price from the market hub and its tick (from the Gateway's contract), as exact text. */
export interface ContractQuote {
  price: string;
  tickSize: string;
  tickValue: string;
}

/**
 * Open P&L of an account's positions at the market hub's prices, exactly: for each position
 * (price − average price) / tick size × tick value × signed quantity, summed. Null when any position lacks
 * a price, a tick or an average price (an unknown is never reported as a number); "0" when flat.
 */
export function openPnl(
  positions: readonly PlatformPosition[],
  quoteOf: (symbol: string) => ContractQuote | null,
): string | null {
  let sum = new Decimal(0);
  for (const p of positions) {
    const quote = quoteOf(p.symbol);
    if (!quote || p.averagePrice === null || new Decimal(quote.tickSize).isZero()) return null;
    const ticks = new Decimal(quote.price).minus(p.averagePrice).div(quote.tickSize);
    sum = sum.plus(ticks.times(quote.tickValue).times(p.netQuantity));
  }
  return decimalText(sum.toFixed()) ?? '0';
}
