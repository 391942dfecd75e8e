import { OPEN_GATE, RequestGate } from '../../application/rate-limiter';
import { BrokerConnector, PlatformOrder } from '../../application/ports/broker-connector.port';
import type {
  ExitRequest,
  NormalizedOrder,
  PositionPicture,
  ResizeRequest,
  StopOrderRequest,
} from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import {
  classifyHttpError,
  malformedResponse,
  parseJsonBody,
  requireJsonObject,
} from '../http/http-error.classifier';
import type { PlatformHttpClient, PlatformHttpRequest } from '../http/platform-http-client';
import type { RestConfig } from '../config/rest.config';
import { restPosition } from './rest-state';

export interface RestConnectorOptions {
  firmCode: string;
  config: RestConfig;
  http: PlatformHttpClient;
  /** The platform's account id, sent as `account_id` with every order and lookup; none for env accounts. */
  accountId?: string | null;
  gate?: RequestGate;
}

/**
 * The seed's generic REST connector (FTMO/Apex), one instance per account: `POST {base}/orders` with a
 * bearer API key and `Idempotency-Key` = client order id (and `account_id` in the body when the account names
 * one), `GET`/`DELETE {base}/orders/{id}`, lookup by `GET {base}/orders?client_order_id=`. The contract is
 * documented in fakes/rest-fake.ts.
 */
export class RestConnector extends BrokerConnector {
  readonly platform = 'rest' as const;
  readonly firmCode: string;
  private readonly base: string;

  constructor(private readonly opts: RestConnectorOptions) {
    super();
    this.firmCode = opts.firmCode;
    this.base = opts.config.baseUrl;
  }

  /** Seed: the generic API has no session; a configured key is all it takes. */
  async authenticate(): Promise<void> {
    if (!this.opts.config.apiKey) throw ConnectorError.fatal(`${this.firmCode}: no API key`);
  }

  placeOrder(order: NormalizedOrder): Promise<PlatformOrder> {
    return this.send({ ...orderPayload(order), ...this.account() }, order.client_order_id);
  }

  async findOrderByClientId(clientOrderId: string): Promise<PlatformOrder | null> {
    const params = { client_order_id: clientOrderId, ...this.account() };
    const request: PlatformHttpRequest = { method: 'GET', url: `${this.base}/orders`, params };
    const body = await this.call(request, false);
    if (!Array.isArray(body.orders)) throw malformedResponse(body, false);
    const found = body.orders.find(
      (o: { client_order_id?: unknown }) => o?.client_order_id === clientOrderId,
    );
    return found ? toPlatformOrder(found, request, body, false) : null;
  }

  async getOrderStatus(externalOrderId: string): Promise<PlatformOrder> {
    const request: PlatformHttpRequest = { method: 'GET', url: this.orderUrl(externalOrderId) };
    return toPlatformOrder(await this.call(request, false), request, undefined, false);
  }

  async cancelOrder(externalOrderId: string): Promise<PlatformOrder> {
    const request: PlatformHttpRequest = { method: 'DELETE', url: this.orderUrl(externalOrderId) };
    return toPlatformOrder(await this.call(request, true), request, undefined, true);
  }

  /** Cancels the entry's working bracket children, then sends a reduce-only market order the other way. */
  async closePosition(exit: ExitRequest): Promise<PlatformOrder> {
    const cancelled: string[] = [];
    if (exit.entry_external_order_id) {
      const entry = await this.getOrderStatus(exit.entry_external_order_id);
      for (const childId of entry.bracket_order_ids ?? []) {
        try {
          await this.cancelOrder(childId);
          cancelled.push(childId);
        } catch (e) {
          // Already filled or cancelled: nothing left to cancel for that child.
          if (!(e instanceof ConnectorError && e.kind === 'REJECTED')) throw e;
        }
      }
    }
    const body = {
      symbol: exit.symbol,
      side: exit.entry_side === 'BUY' ? 'SELL' : 'BUY',
      quantity: exit.quantity,
      order_type: 'MARKET',
      client_order_id: exit.client_order_id,
      reduce_only: true,
      ...this.account(),
    };
    const placed = await this.send(body, exit.client_order_id);
    return { ...placed, raw_request: { cancelled_bracket_order_ids: cancelled, order: placed.raw_request } };
  }

  /** A reduce-only STOP order at `stop_price` (sent as `entry_price`, the level of a STOP order). */
  placeStop(stop: StopOrderRequest): Promise<PlatformOrder> {
    const body = {
      symbol: stop.symbol,
      side: stop.side,
      quantity: stop.quantity,
      order_type: 'STOP',
      entry_price: stop.stop_price,
      client_order_id: stop.client_order_id,
      reduce_only: true,
      ...this.account(),
    };
    return this.send(body, stop.client_order_id);
  }

  /**
   * The generic API cannot modify an order: the order is cancelled (one already cancelled by an earlier try
   * is fine, one that filled is REJECTED), then its replacement placed as a reduce-only order of the same type
   * at the same level for the new size, under `resize.client_order_id` (a re-send replays it). Cancel first:
   * a moment without the leg, never a moment with both (they could take the account past flat).
   */
  async resizeOrder(resize: ResizeRequest): Promise<PlatformOrder> {
    const { order } = resize;
    const level = order.type === 'LIMIT' ? order.limitPrice : order.stopPrice;
    if ((order.type !== 'LIMIT' && order.type !== 'STOP') || level === null)
      throw ConnectorError.rejected(
        `${this.firmCode}: cannot re-place a ${order.type} order without its level`,
      );
    await this.cancelForReplace(order.orderId);
    const body = {
      symbol: resize.symbol,
      side: order.side,
      quantity: resize.quantity,
      order_type: order.type,
      entry_price: Number(level),
      client_order_id: resize.client_order_id,
      reduce_only: true,
      ...this.account(),
    };
    const placed = await this.send(body, resize.client_order_id);
    return { ...placed, raw_request: { cancelled_order_id: order.orderId, order: placed.raw_request } };
  }

  /** `GET {base}/positions` and `GET {base}/orders?status=working` of the account, narrowed to the symbol. */
  async readPosition(symbol: string): Promise<PositionPicture> {
    const params = this.account();
    const [held, open] = await Promise.all([
      this.call({ method: 'GET', url: `${this.base}/positions`, params }, false),
      this.call(
        { method: 'GET', url: `${this.base}/orders`, params: { ...params, status: 'working' } },
        false,
      ),
    ]);
    return restPosition(held, open, symbol);
  }

  /** The generic API trades whatever it is sent; which symbols a firm allows is the risk gate's rule. */
  supportsSymbol(_symbol: string): boolean {
    return true;
  }

  private async cancelForReplace(orderId: string): Promise<void> {
    try {
      await this.cancelOrder(orderId);
    } catch (e) {
      if (!(e instanceof ConnectorError && e.kind === 'REJECTED')) throw e;
      const now = await this.getOrderStatus(orderId);
      if (now.status !== 'CANCELLED')
        throw ConnectorError.rejected(`${this.firmCode}: order ${orderId} is ${now.status}, not re-placed`);
    }
  }

  private account(): { account_id?: string } {
    return this.opts.accountId ? { account_id: this.opts.accountId } : {};
  }

  private async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<PlatformOrder> {
    const request: PlatformHttpRequest = {
      method: 'POST',
      url: `${this.base}/orders`,
      headers: { 'Idempotency-Key': idempotencyKey },
      data: payload,
    };
    return toPlatformOrder(await this.call(request, true), request, undefined, true);
  }

  private async call(request: PlatformHttpRequest, write: boolean): Promise<Record<string, unknown>> {
    const headers = {
      ...request.headers,
      Authorization: `Bearer ${this.opts.config.apiKey}`,
    };
    await (this.opts.gate ?? OPEN_GATE).acquire('request');
    try {
      const res = await this.opts.http.request({ ...request, headers });
      return requireJsonObject(parseJsonBody(res.text, write), write);
    } catch (e) {
      throw classifyHttpError(e, { write });
    }
  }

  private orderUrl(id: string): string {
    return `${this.base}/orders/${encodeURIComponent(id)}`;
  }
}

/** Seed `_build_order_payload`: the normalized order with absent fields dropped. */
function orderPayload(order: NormalizedOrder): Record<string, unknown> {
  return Object.fromEntries(Object.entries(order).filter(([, v]) => v !== undefined && v !== null));
}

function toPlatformOrder(
  order: Record<string, unknown>,
  request: unknown,
  response: unknown,
  write: boolean,
): PlatformOrder {
  const id = order.order_id ?? order.id;
  if (typeof id !== 'string' && typeof id !== 'number') throw malformedResponse(order, write);
  const brackets = Array.isArray(order.bracket_order_ids) ? order.bracket_order_ids.map(String) : [];
  return {
    external_order_id: String(id),
    status: typeof order.status === 'string' ? order.status : 'UNKNOWN',
    bracket_order_ids: brackets,
    raw_request: request,
    raw_response: response ?? order,
  };
}
