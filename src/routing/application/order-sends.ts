import type {
  ConnectorGateway,
  ExitRequest,
} from '../../connectors/application/ports/connector-gateway.port';
import { buildOrderPayload, clientOrderId } from '../domain/order-payload';
import type { AccountOrderPlan, PlanAccount, RoutedEntry } from '../domain/routing-plan';
import type { ConnectorOutcome } from '../domain/task-result';
import type { OrderSend } from './order-executor';
import type { PendingOrder } from './ports/order-store.port';
import type { ClaimedTask } from './ports/task-queue.port';

/** The entry orders of a task's plan, one per account: each recorded (PendingOrder) before the gateway places it. */
export function entrySends(
  task: ClaimedTask,
  orders: AccountOrderPlan[],
  gateway: ConnectorGateway,
): OrderSend[] {
  const s = task.signal;
  return orders.map(({ account, program_id, quantity }) => {
    const payload = buildOrderPayload(
      { ...s, symbol: account.symbol },
      s.side!,
      quantity,
      clientOrderId(task.id, task.createdAt, orderKey(account), 'entry'),
    );
    return {
      intent: pendingOrder(task, account, {
        programId: program_id,
        clientOrderId: payload.client_order_id,
        symbol: account.symbol,
        side: payload.side,
        quantity,
        rawRequest: payload,
      }),
      send: () => gateway.placeOrder(account.id, payload),
      platform: account.platform,
      signalAt: task.createdAt,
    };
  });
}

/** The exits closing what the trade's entries opened, one per account. */
export function exitSends(
  task: ClaimedTask,
  closing: { account: PlanAccount; entry: RoutedEntry }[],
  gateway: ConnectorGateway,
): OrderSend[] {
  return closing.map(({ account, entry: e }) => {
    const exit: ExitRequest = {
      symbol: e.symbol,
      entry_side: e.side,
      quantity: e.quantity,
      entry_external_order_id: e.external_order_id,
      client_order_id: clientOrderId(task.id, task.createdAt, orderKey(account), 'exit'),
      // the exit alert's price: where a paper account's exit fills (a live platform sends a market order)
      ...(task.signal.entry_price !== null ? { price: task.signal.entry_price } : {}),
    };
    return {
      intent: pendingOrder(task, account, {
        programId: null,
        closesOrderId: e.order_id,
        clientOrderId: exit.client_order_id,
        symbol: e.symbol,
        side: e.side === 'BUY' ? 'SELL' : 'BUY',
        quantity: e.quantity,
        rawRequest: exit,
      }),
      send: () => gateway.exitPosition(account.id, exit),
      platform: account.platform,
      signalAt: task.createdAt,
    };
  });
}

/**
 * The account's part of a client order id: the firm code for an `env:{FIRM}` account (the seed-era id,
 * unchanged), `a{id}` for an account configured through the API.
 */
function orderKey(account: PlanAccount): string {
  return account.label.startsWith('env:') ? account.firmCode : `a${account.id}`;
}

export function byAccount(outcomes: ConnectorOutcome[]): Map<number | null, ConnectorOutcome> {
  return new Map(outcomes.map((o) => [o.account_id, o]));
}

function pendingOrder(
  task: ClaimedTask,
  account: PlanAccount,
  order: Omit<PendingOrder, 'taskId' | 'tradeId' | 'eventType' | 'firmCode' | 'accountId' | 'accountLabel'>,
): PendingOrder {
  return {
    taskId: task.id,
    tradeId: task.signal.trade_id,
    eventType: task.signal.event_type,
    firmCode: account.firmCode,
    accountId: account.id,
    accountLabel: account.label,
    ...order,
  };
}
