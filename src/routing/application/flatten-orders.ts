import type {
  ConnectorGateway,
  ExitRequest,
} from '../../connectors/application/ports/connector-gateway.port';
import type { RoutingAccount } from '../../accounts/application/ports/account-directory.port';
import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import { flattenOrderId, type PositionClose, type StepResult } from '../domain/flatten-plan';
import type { ConnectorOutcome } from '../domain/task-result';
import type { OrderSend } from './order-executor';

/** A flatten as its orders need it: its record's id and time, and the account. */
export interface FlattenRun {
  id: number;
  at: Date;
  account: RoutingAccount;
}

/**
 * The closing order of one position: the gateway's exitPosition for the whole net quantity (Tradovate's
 * liquidation, ProjectX's closeContract, a market order the other way on the generic REST API), recorded in
 * `orders` under the flatten before it is sent, as every order is (OrderExecutor).
 */
export function closeSend(run: FlattenRun, close: PositionClose, gateway: ConnectorGateway): OrderSend {
  const exit: ExitRequest = {
    symbol: close.symbol,
    entry_side: close.heldSide,
    quantity: close.quantity,
    entry_external_order_id: null,
    client_order_id: flattenOrderId(run.id, run.at, close.symbol),
  };
  const { account } = run;
  return {
    intent: {
      taskId: null,
      flattenId: run.id,
      tradeId: `flatten-${run.id}`,
      eventType: 'exit',
      firmCode: account.firmCode,
      accountId: account.id,
      accountLabel: account.label,
      programId: account.programId,
      clientOrderId: exit.client_order_id,
      symbol: close.symbol,
      side: close.heldSide === 'BUY' ? 'SELL' : 'BUY',
      quantity: close.quantity,
      rawRequest: exit,
    },
    send: () => gateway.exitPosition(account.id, exit),
    platform: account.platform,
    signalAt: run.at,
  };
}

/** Cancels one working order; an order already gone is judged by the read after the steps. */
export async function cancelWorking(
  gateway: ConnectorGateway,
  accountId: number,
  order: PlatformWorkingOrder,
): Promise<StepResult> {
  const r = await gateway.cancelOrder(accountId, order.orderId);
  return r.status === 'SUCCESS' ? { ok: true } : { ok: false, error: answer(r) };
}

export function closeResult(r: ConnectorOutcome): StepResult {
  return r.status === 'SUCCESS' ? { ok: true } : { ok: false, error: answer(r) };
}

function answer(r: { status: string; error_message: string | null }): string {
  return `${r.status}: ${r.error_message ?? 'no answer'}`;
}
