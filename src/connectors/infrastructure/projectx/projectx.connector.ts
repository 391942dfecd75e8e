import type { Clock } from '../../../platform/time/clock';
import type { ContractCatalog } from '../../../sizing/application/ports/contract-catalog.port';
import { BrokerConnector, PlatformOrder } from '../../application/ports/broker-connector.port';
import type {
  ExitRequest,
  NormalizedOrder,
  PositionPicture,
  ResizeRequest,
  StopOrderRequest,
} from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import type { ProjectXApi } from './projectx-api';
import type { ProjectXContracts } from './projectx-contracts';
import { ProjectXExits } from './projectx-exits';
import { buildProjectXOrder, buildProjectXStop } from './projectx-order-payload';
import * as S from './projectx-state';
import type { ProjectXSession } from './projectx-session';
import {
  PX_STATUS_NAMES,
  type ProjectXOrder,
  type ProjectXPlaceOrderBody,
  type ProjectXOrdersResponse,
  type ProjectXPlaceOrderResponse,
} from './projectx.types';

/** How far back order lookups search (`/api/Order/search` needs a start): a week covers weekends and holidays. */
const ORDER_SEARCH_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** What the accounts of one login share (see ProjectXLogin): its session, API client and contract cache. */
export interface ProjectXShared {
  session: ProjectXSession;
  api: ProjectXApi;
  contracts: ProjectXContracts;
  catalog: ContractCatalog;
  clock: Clock;
}

export interface ProjectXConnectorDeps {
  firmCode: string;
  login: ProjectXShared;
  accountId: number;
}

/**
 * ProjectX Gateway adapter for one account (Topstep, Alpha, Top One, Aqua), on its connection's login
 * (session, contracts, rate limits). Thin: the gateway retries.
 */
export class ProjectXConnector extends BrokerConnector {
  readonly platform = 'projectx' as const;
  readonly firmCode: string;
  private readonly config: { accountId: number };
  private readonly clock: Clock;
  private readonly catalog: ContractCatalog;
  private readonly session: ProjectXSession;
  private readonly api: ProjectXApi;
  private readonly contracts: ProjectXContracts;
  private readonly exits: ProjectXExits;

  constructor(deps: ProjectXConnectorDeps) {
    super();
    this.firmCode = deps.firmCode;
    this.config = { accountId: deps.accountId };
    const { session, api, contracts, catalog, clock } = deps.login;
    [this.session, this.api, this.contracts, this.catalog, this.clock] = [
      session,
      api,
      contracts,
      catalog,
      clock,
    ];
    this.exits = new ProjectXExits(this.api, deps.accountId);
  }

  async authenticate(): Promise<void> {
    await this.session.sessionToken();
  }

  async placeOrder(order: NormalizedOrder): Promise<PlatformOrder> {
    const contract = await this.contracts.resolve(order.symbol);
    return this.place(buildProjectXOrder(order, this.config.accountId, contract));
  }

  async placeStop(stop: StopOrderRequest): Promise<PlatformOrder> {
    const contract = await this.contracts.resolve(stop.symbol);
    return this.place(buildProjectXStop(stop, this.config.accountId, contract));
  }

  /** Open positions and open orders of the account, narrowed to the symbol's contract. */
  async readPosition(symbol: string): Promise<PositionPicture> {
    const contract = await this.contracts.resolve(symbol);
    const account = { accountId: this.config.accountId };
    const [held, open] = await Promise.all([
      this.api.post<S.ProjectXList<'positions', S.ProjectXPositionEntity>>(
        '/api/Position/searchOpen',
        account,
        false,
      ),
      this.api.post<S.ProjectXList<'orders', S.ProjectXOrderEntity>>('/api/Order/searchOpen', account, false),
    ]);
    return S.projectXPosition(held.positions ?? [], open.orders ?? [], contract);
  }

  private async place(body: ProjectXPlaceOrderBody): Promise<PlatformOrder> {
    const res = await this.api.post<ProjectXPlaceOrderResponse>('/api/Order/place', { ...body }, true);
    if (typeof res.orderId !== 'number') {
      throw ConnectorError.unknownOutcome('ProjectX order place: the answer carries no orderId', {
        rawResponse: res,
      });
    }
    return {
      external_order_id: String(res.orderId),
      status: 'ACCEPTED',
      raw_request: body,
      raw_response: res,
    };
  }

  /** `customTag` is unique per account, so the order searched by it is the one sent with this client id. */
  async findOrderByClientId(clientOrderId: string, _symbol: string): Promise<PlatformOrder | null> {
    const { orders, request } = await this.recentOrders();
    const order = orders.find((o) => o.customTag === clientOrderId);
    return order ? toPlatformOrder(order, request) : null;
  }

  async getOrderStatus(externalOrderId: string): Promise<PlatformOrder> {
    const { orders, request } = await this.recentOrders();
    const order = orders.find((o) => String(o.id) === externalOrderId);
    if (!order)
      throw ConnectorError.rejected(`ProjectX: order ${externalOrderId} not found in the last 7 days`);
    return toPlatformOrder(order, request);
  }

  async cancelOrder(externalOrderId: string): Promise<PlatformOrder> {
    const body = { accountId: this.config.accountId, orderId: Number(externalOrderId) };
    const res = await this.api.post('/api/Order/cancel', body, true);
    return { external_order_id: externalOrderId, status: 'Cancelled', raw_request: body, raw_response: res };
  }

  /** `/api/Order/modify` with the new `size`; prices are left out, so the platform keeps them. */
  async resizeOrder(resize: ResizeRequest): Promise<PlatformOrder> {
    const body = {
      accountId: this.config.accountId,
      orderId: Number(resize.order.orderId),
      size: resize.quantity,
    };
    const res = await this.api.post('/api/Order/modify', body, true);
    return { external_order_id: resize.order.orderId, status: 'Open', raw_request: body, raw_response: res };
  }

  async closePosition(exit: ExitRequest): Promise<PlatformOrder> {
    return this.exits.close(exit, await this.contracts.resolve(exit.symbol));
  }

  supportsSymbol(symbol: string): boolean {
    return this.catalog.normalize(symbol) !== null;
  }

  /** Current credential and token values, for the gateway's redactor. */
  secrets(): string[] {
    return this.session.secrets();
  }

  private async recentOrders(): Promise<{ orders: ProjectXOrder[]; request: Record<string, unknown> }> {
    const start = new Date(this.clock.now().getTime() - ORDER_SEARCH_WINDOW_MS).toISOString();
    const request = { accountId: this.config.accountId, startTimestamp: start };
    const res = await this.api.post<ProjectXOrdersResponse>('/api/Order/search', request, false);
    return { orders: res.orders ?? [], request };
  }
}

function toPlatformOrder(order: ProjectXOrder, request: unknown): PlatformOrder {
  return {
    external_order_id: String(order.id),
    status: PX_STATUS_NAMES[order.status] ?? String(order.status),
    raw_request: request,
    raw_response: order,
  };
}
