import type { ExitRequest } from '../../application/ports/connector-gateway.port';
import type { PlatformOrder } from '../../application/ports/broker-connector.port';
import { ConnectorError } from '../../domain/connector-errors';
import type { TradovateAccount } from '../config/tradovate.config';
import type { TradovateApi } from './tradovate-api';
import { oppositeAction } from './tradovate-order-payload';
import { checkCommand, placedOrderId, WORKING_STATUSES } from './tradovate-results';
import type { TradovateCommandResult, TradovateOrder, TradovatePosition } from './tradovate.types';

/**
 * Flattens what one entry opened. First the entry's own working orders are cancelled: the entry itself if
 * it has not filled, and its OSO brackets (orders whose `parentId` is the entry). Then, when the account
 * still holds a position in the entry's direction: `/order/liquidateposition` when the exit covers all of
 * it (a repeated liquidation of a flat position does nothing, so a retry can never flip the position), or
 * an opposite Market order for the exit quantity, tagged with the exit's client order id, when other
 * entries share the position.
 */
export class TradovateExits {
  constructor(
    private readonly api: TradovateApi,
    private readonly config: TradovateAccount,
  ) {}

  async close(exit: ExitRequest, contractName: string, contractId: number): Promise<PlatformOrder> {
    const cancelled = exit.entry_external_order_id
      ? await this.cancelEntryOrders(Number(exit.entry_external_order_id))
      : [];
    const positions = await this.api.list<TradovatePosition>('/position/list');
    const position = positions.find(
      (p) => p.accountId === this.config.accountId && p.contractId === contractId,
    );
    const netPos = position?.netPos ?? 0;
    const open = exit.entry_side === 'BUY' ? Math.max(0, netPos) : Math.max(0, -netPos);
    if (open === 0) {
      return {
        external_order_id: exit.entry_external_order_id ?? exit.client_order_id,
        status: 'Flat',
        raw_request: { contractId },
        raw_response: { position: position ?? null, cancelled_order_ids: cancelled },
      };
    }
    const [path, body] =
      exit.quantity >= open
        ? [
            '/order/liquidateposition',
            { accountId: this.config.accountId, contractId, admin: false, isAutomated: true },
          ]
        : ['/order/placeorder', this.oppositeOrder(exit, contractName)];
    const result = await this.api.post<TradovateCommandResult>(path, body);
    return {
      external_order_id: String(placedOrderId(result, path)),
      status: 'ACCEPTED',
      raw_request: body,
      raw_response: { result, cancelled_order_ids: cancelled },
    };
  }

  private oppositeOrder(exit: ExitRequest, contractName: string): Record<string, unknown> {
    return {
      accountSpec: this.config.accountSpec,
      accountId: this.config.accountId,
      clOrdId: exit.client_order_id,
      action: oppositeAction(exit.entry_side),
      symbol: contractName,
      orderQty: exit.quantity,
      orderType: 'Market',
      isAutomated: true,
    };
  }

  /** Cancels the entry and its brackets while they work; an order that finished meanwhile is left alone. */
  private async cancelEntryOrders(entryId: number): Promise<string[]> {
    const orders = await this.api.list<TradovateOrder>('/order/deps', { masterid: this.config.accountId });
    const working = orders.filter(
      (o) => (o.id === entryId || o.parentId === entryId) && WORKING_STATUSES.has(o.ordStatus),
    );
    const cancelled: string[] = [];
    for (const order of working) {
      try {
        const res = await this.api.post<TradovateCommandResult>('/order/cancelorder', {
          orderId: order.id,
          isAutomated: true,
        });
        checkCommand(res, 'cancel');
        cancelled.push(String(order.id));
      } catch (error) {
        if (!(error instanceof ConnectorError && error.kind === 'REJECTED')) throw error;
      }
    }
    return cancelled;
  }
}
