import type {
  ConnectorGateway,
  ConnectorResult,
  ExitRequest,
  NormalizedOrder,
} from '../../connectors/application/ports/connector-gateway.port';
import { clientOrderId, OrderLeg } from '../domain/order-payload';
import type { PositionOrder } from '../domain/position-plan';
import { PlanAccount, refOf } from '../domain/routing-plan';
import type { ConnectorOutcome } from '../domain/task-result';
import type { OrderSend } from './order-executor';
import type { ClaimedTask } from './ports/task-queue.port';

/** The closing order: the gateway's exitPosition for a whole position, a market order the other way for a part. */
export function positionOrderSend(
  gateway: ConnectorGateway,
  task: ClaimedTask,
  a: PlanAccount,
  order: PositionOrder,
  leg: OrderLeg,
): OrderSend {
  const key = a.label.startsWith('env:') ? a.firmCode : `a${a.id}`;
  const id = clientOrderId(task.id, task.createdAt, key, leg);
  const side = order.heldSide === 'BUY' ? 'SELL' : 'BUY';
  const { request, send } = requestOf(gateway, a, order, id);
  return {
    intent: {
      taskId: task.id,
      // never the entry's trade id: an exit order under it would read as that trade's exit
      tradeId: leg === 'reversal' ? `reversal-${task.id}` : task.signal.trade_id,
      eventType: 'exit',
      firmCode: a.firmCode,
      accountId: a.id,
      accountLabel: a.label,
      programId: null,
      clientOrderId: id,
      symbol: a.symbol,
      side,
      quantity: order.quantity,
      rawRequest: request,
    },
    send,
    platform: a.platform,
    signalAt: task.createdAt,
  };
}

function requestOf(gateway: ConnectorGateway, a: PlanAccount, order: PositionOrder, id: string) {
  if (order.kind === 'close') {
    const exit: ExitRequest = {
      symbol: a.symbol,
      entry_side: order.heldSide,
      quantity: order.quantity,
      entry_external_order_id: null,
      client_order_id: id,
    };
    return { request: exit, send: (): Promise<ConnectorResult> => gateway.exitPosition(a.id, exit) };
  }
  const side = order.heldSide === 'BUY' ? 'SELL' : 'BUY';
  const market: NormalizedOrder = {
    symbol: a.symbol,
    side,
    quantity: order.quantity,
    order_type: 'MARKET',
    client_order_id: id,
  };
  return { request: market, send: (): Promise<ConnectorResult> => gateway.placeOrder(a.id, market) };
}

/** A cancel-only step that cancelled every working order: its result. */
export function cancelledOnly(a: PlanAccount, cancelled: number): ConnectorOutcome {
  return {
    firm_code: a.firmCode,
    ...refOf(a),
    status: 'SUCCESS',
    external_order_id: null,
    raw_response: { cancelled_orders: cancelled },
    error_message: null,
  };
}
