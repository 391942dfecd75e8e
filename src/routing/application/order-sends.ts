import type { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import { buildOrderPayload, clientOrderId } from '../domain/order-payload';
import type { FirmOrderPlan, RoutedEntry } from '../domain/routing-plan';
import type { ConnectorOutcome } from '../domain/task-result';
import type { OrderSend } from './order-executor';
import type { PendingOrder } from './ports/order-store.port';
import type { ClaimedTask } from './ports/task-queue.port';

/** The entry orders of a task's plan: each recorded (PendingOrder) before the gateway places it. */
export function entrySends(
  task: ClaimedTask,
  orders: FirmOrderPlan[],
  gateway: ConnectorGateway,
): OrderSend[] {
  const s = task.signal;
  return orders.map((o) => {
    const payload = buildOrderPayload(
      s,
      s.side!,
      o.quantity,
      clientOrderId(task.id, task.createdAt, o.firm_code, 'entry'),
    );
    return {
      intent: pendingOrder(task, {
        firmCode: o.firm_code,
        programId: o.program_id,
        clientOrderId: payload.client_order_id,
        symbol: s.symbol,
        side: payload.side,
        quantity: o.quantity,
        rawRequest: payload,
      }),
      send: () => gateway.placeOrder(o.firm_code, payload),
    };
  });
}

/** The exits closing what the trade's entries opened, one per firm. */
export function exitSends(task: ClaimedTask, entries: RoutedEntry[], gateway: ConnectorGateway): OrderSend[] {
  return entries.map((e) => {
    const exit = {
      symbol: e.symbol,
      entry_side: e.side,
      quantity: e.quantity,
      entry_external_order_id: e.external_order_id,
      client_order_id: clientOrderId(task.id, task.createdAt, e.firm_code, 'exit'),
    };
    return {
      intent: pendingOrder(task, {
        firmCode: e.firm_code,
        programId: null,
        clientOrderId: exit.client_order_id,
        symbol: e.symbol,
        side: e.side === 'BUY' ? 'SELL' : 'BUY',
        quantity: e.quantity,
        rawRequest: exit,
      }),
      send: () => gateway.exitPosition(e.firm_code, exit),
    };
  });
}

export function byFirm(outcomes: ConnectorOutcome[]): Map<string, ConnectorOutcome> {
  return new Map(outcomes.map((o) => [o.firm_code, o]));
}

function pendingOrder(
  task: ClaimedTask,
  order: Omit<PendingOrder, 'taskId' | 'tradeId' | 'eventType'>,
): PendingOrder {
  return { taskId: task.id, tradeId: task.signal.trade_id, eventType: task.signal.event_type, ...order };
}
