import type { ExitRequest } from '../../application/ports/connector-gateway.port';
import type { PlatformOrder } from '../../application/ports/broker-connector.port';
import { ConnectorError } from '../../domain/connector-errors';
import type { ProjectXApi } from './projectx-api';
import {
  PX_SIDE,
  type ProjectXContract,
  type ProjectXOrdersResponse,
  type ProjectXPositionsResponse,
} from './projectx.types';

const LONG = 1;
const SHORT = 2;

/**
 * Flattens what one entry opened at ProjectX. The entry is cancelled if it is still open. ProjectX does not
 * return the ids of the brackets it creates on a fill, so when the exit closes the whole position, the open
 * orders on the other side of that contract (its stop loss and take profit) are cancelled too; a partial
 * exit leaves them protecting the rest. Then `/api/Position/closeContract`, or `partialCloseContract` with
 * the exit quantity when other entries share the position.
 */
export class ProjectXExits {
  constructor(
    private readonly api: ProjectXApi,
    private readonly accountId: number,
  ) {}

  async close(exit: ExitRequest, contract: ProjectXContract): Promise<PlatformOrder> {
    const account = { accountId: this.accountId };
    const held = await this.api.post<ProjectXPositionsResponse>('/api/Position/searchOpen', account, false);
    const direction = exit.entry_side === 'BUY' ? LONG : SHORT;
    const position = (held.positions ?? []).find((p) => p.contractId === contract.id && p.type === direction);
    const open = position?.size ?? 0;
    const full = exit.quantity >= open;
    const cancelled = await this.cancelOrders(exit, contract, open > 0 && full);
    if (open === 0) {
      return {
        external_order_id: exit.entry_external_order_id ?? exit.client_order_id,
        status: 'Flat',
        raw_request: { contractId: contract.id },
        raw_response: { position: null, cancelled_order_ids: cancelled },
      };
    }
    const [path, body] = full
      ? ['/api/Position/closeContract', { ...account, contractId: contract.id }]
      : ['/api/Position/partialCloseContract', { ...account, contractId: contract.id, size: exit.quantity }];
    const res = await this.api.post(path, body, true);
    return {
      external_order_id: contract.id,
      status: 'CloseRequested',
      raw_request: body,
      raw_response: { result: res, cancelled_order_ids: cancelled },
    };
  }

  private async cancelOrders(
    exit: ExitRequest,
    contract: ProjectXContract,
    withBrackets: boolean,
  ): Promise<string[]> {
    const account = { accountId: this.accountId };
    const { orders = [] } = await this.api.post<ProjectXOrdersResponse>(
      '/api/Order/searchOpen',
      account,
      false,
    );
    const exitSide = exit.entry_side === 'BUY' ? PX_SIDE.SELL : PX_SIDE.BUY;
    const targets = orders.filter(
      (o) =>
        String(o.id) === exit.entry_external_order_id ||
        (withBrackets && o.contractId === contract.id && o.side === exitSide),
    );
    const cancelled: string[] = [];
    for (const order of targets) {
      try {
        await this.api.post('/api/Order/cancel', { ...account, orderId: order.id }, true);
        cancelled.push(String(order.id));
      } catch (error) {
        if (!(error instanceof ConnectorError && error.kind === 'REJECTED')) throw error;
      }
    }
    return cancelled;
  }
}
