import type { NormalizedOrder } from '../../shared-kernel/seed-results';
import type { EventType, Signal } from './signal';

/** Seed 13C normalized order (`_build_order_payload`): the shared kernel's NormalizedOrder. */
export type OrderPayload = NormalizedOrder;

/** Seed `_build_order_payload`: upper-cased side and type, absent fields left out. */
export function buildOrderPayload(
  signal: Signal,
  side: 'buy' | 'sell',
  quantity: number,
  clientOrderId: string,
): OrderPayload {
  const order: OrderPayload = {
    symbol: signal.symbol,
    side: side === 'buy' ? 'BUY' : 'SELL',
    quantity,
    order_type: signal.order_type.toUpperCase() as OrderPayload['order_type'],
    client_order_id: clientOrderId,
  };
  if (signal.entry_price !== null) order.entry_price = signal.entry_price;
  if (signal.stop_loss !== null) order.stop_loss = signal.stop_loss;
  if (signal.take_profit !== null) order.take_profit = signal.take_profit;
  if (signal.stop_loss !== null && signal.trail_distance) order.trail_distance = signal.trail_distance;
  if (signal.stop_loss !== null && signal.break_even_ticks) order.break_even_ticks = signal.break_even_ticks;
  if (signal.session !== null) order.session = signal.session;
  if (signal.bias !== null) order.bias = signal.bias;
  if (signal.risk_percent !== null) order.risk_percent = signal.risk_percent;
  if (signal.program_ids.length > 0) order.program_ids = signal.program_ids;
  return order;
}

/** An order's part in its task: the entry, the exit, or the close before a reversal's entry (`rv`). */
export type OrderLeg = EventType | 'reversal';

/**
 * Deterministic per task, firm and leg, so a task processed again after a crash finds its own order
 * (in `orders` and at the platform). The task's creation time keeps ids unique across database resets.
 */
export function clientOrderId(taskId: number, createdAt: Date, firmCode: string, leg: OrderLeg): string {
  return `pr${taskId}-${createdAt.getTime().toString(36)}-${firmCode}-${LEG_CODES[leg]}`;
}

const LEG_CODES: Record<OrderLeg, string> = { entry: 'en', exit: 'ex', reversal: 'rv' };
