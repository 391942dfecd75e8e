import type { PaperAccountRef, PaperVenue } from '../../application/paper-venue.service';
import { BrokerConnector, PlatformOrder } from '../../application/ports/broker-connector.port';
import type {
  ExitRequest,
  NormalizedOrder,
  PositionPicture,
  ResizeRequest,
  StopOrderRequest,
} from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import { PaperRejection, type PaperOrder } from '../../domain/paper/paper-orders';

/**
 * One account on the paper platform (issue 19): orders go to PropRouter's own ledger (PaperVenue), never to a
 * network. A paper refusal (no price, unknown contract, an order that is not working) is REJECTED, like a
 * broker's; a database failure is left to the gateway's policy like a platform's I/O failure.
 */
export class PaperConnector extends BrokerConnector {
  readonly platform = 'paper' as const;

  constructor(
    readonly firmCode: string,
    private readonly ref: PaperAccountRef,
    private readonly venue: PaperVenue,
  ) {
    super();
  }

  /** The paper platform needs no login. */
  async authenticate(): Promise<void> {}

  placeOrder(order: NormalizedOrder): Promise<PlatformOrder> {
    return this.call(order, async () => {
      const { order: placed, legs } = await this.venue.placeEntry(this.ref, order);
      return answer(placed, order, legs);
    });
  }

  async findOrderByClientId(clientOrderId: string): Promise<PlatformOrder | null> {
    const found = await this.venue.order(this.ref, { clientOrderId });
    return found && answer(found, { client_order_id: clientOrderId });
  }

  getOrderStatus(externalOrderId: string): Promise<PlatformOrder> {
    return this.call({ order_id: externalOrderId }, async () => {
      const found = await this.venue.order(this.ref, { id: externalOrderId });
      if (!found) throw new PaperRejection(`no paper order ${externalOrderId}`);
      return answer(found, { order_id: externalOrderId });
    });
  }

  cancelOrder(externalOrderId: string): Promise<PlatformOrder> {
    return this.call({ cancel: externalOrderId }, async () =>
      answer(await this.venue.cancel(this.ref, externalOrderId), { cancel: externalOrderId }),
    );
  }

  closePosition(exit: ExitRequest): Promise<PlatformOrder> {
    return this.call(exit, async () => answer(await this.venue.close(this.ref, exit), exit));
  }

  placeStop(stop: StopOrderRequest): Promise<PlatformOrder> {
    return this.call(stop, async () => answer(await this.venue.placeStop(this.ref, stop), stop));
  }

  resizeOrder(resize: ResizeRequest): Promise<PlatformOrder> {
    const { orderId } = resize.order;
    return this.call(resize, async () =>
      answer(await this.venue.resize(this.ref, orderId, resize.quantity), {
        resize: orderId,
        quantity: resize.quantity,
      }),
    );
  }

  readPosition(symbol: string): Promise<PositionPicture> {
    return this.call({ symbol }, async () => {
      const p = await this.venue.position(this.ref, symbol);
      return {
        symbol: p.symbol,
        netQuantity: p.net,
        workingOrders: p.orders.map((o) => ({
          orderId: o.id,
          clientOrderId: o.clientOrderId,
          symbol: o.symbol,
          side: o.side,
          quantity: o.quantity,
          type: o.type,
          stopPrice: o.type === 'STOP' ? o.price!.toFixed() : null,
          limitPrice: o.type === 'LIMIT' ? o.price!.toFixed() : null,
        })),
      };
    });
  }

  /** Any contract the catalogue knows (its point value prices the P&L). */
  supportsSymbol(symbol: string): boolean {
    try {
      this.venue.root(symbol);
      return true;
    } catch {
      return false;
    }
  }

  private async call<T>(request: unknown, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof PaperRejection)
        throw ConnectorError.rejected(`paper: ${e.message}`, { rawResponse: { request, error: e.message } });
      throw e;
    }
  }
}

/** The order as the paper platform answers it: ids, status, fill price (JSON numbers). */
function answer(o: PaperOrder, request: unknown, legs: string[] = []): PlatformOrder {
  return {
    external_order_id: o.id,
    status: o.status,
    bracket_order_ids: legs,
    raw_request: request,
    raw_response: {
      order_id: o.id,
      client_order_id: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      quantity: o.quantity,
      order_type: o.type,
      status: o.status,
      fill_price: o.fillPrice === null ? null : o.fillPrice.toNumber(),
      bracket_order_ids: legs,
    },
  };
}
