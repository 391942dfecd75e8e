import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import type { OpenTrade, Side } from './drift';

/** Which working orders at a platform are PropRouter's own (reconciliation's `foreign_order` is the rest). */

const sign = (side: Side): number => (side === 'BUY' ? 1 : -1);

/** Signed net of trades: long > 0, short < 0, by the quantity `of` each. */
export function netOf(trades: readonly OpenTrade[], of: (t: OpenTrade) => number): number {
  return trades.reduce((n, t) => n + sign(t.side) * of(t), 0);
}

/** The trade's own entry order, still working (matched by client or platform order id). */
export function isOrderOf(o: PlatformWorkingOrder, t: OpenTrade): boolean {
  return (
    (o.clientOrderId !== null && o.clientOrderId === t.clientOrderId) ||
    (t.externalOrderId !== null && o.orderId === t.externalOrderId)
  );
}

/** An order PropRouter sent (its platform or client order id is among `ownIds`). */
export function isOwn(o: PlatformWorkingOrder, ownIds: ReadonlySet<string>): boolean {
  return ownIds.has(o.orderId) || (o.clientOrderId !== null && ownIds.has(o.clientOrderId));
}

/**
 * A protective leg of PropRouter's open trades on that root: a stop (the entry asked for a stop loss) or a
 * limit (it asked for a take profit) on the closing side, for no more than the trades opened. Platforms do
 * not all report which entry a leg belongs to (ProjectX creates them on the fill), so the shape decides.
 */
export function isBracketLeg(o: PlatformWorkingOrder, trades: OpenTrade[]): boolean {
  const net = netOf(trades, (t) => t.quantity);
  if (net === 0 || o.side === (net > 0 ? 'BUY' : 'SELL') || o.quantity > Math.abs(net)) return false;
  if (o.type === 'STOP' || o.type === 'STOP_LIMIT') return trades.some((t) => t.stopLoss);
  if (o.type === 'LIMIT') return trades.some((t) => t.takeProfit);
  return false;
}
