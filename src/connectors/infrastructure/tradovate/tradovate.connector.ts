import type { ContractCatalog } from '../../../sizing/application/ports/contract-catalog.port';
import { BrokerConnector, PlatformOrder } from '../../application/ports/broker-connector.port';
import type {
  ExitRequest,
  NormalizedOrder,
  PositionPicture,
  ResizeRequest,
  StopOrderRequest,
} from '../../application/ports/connector-gateway.port';
import type { TradovateAccount } from '../config/tradovate.config';
import type { TradovateApi } from './tradovate-api';
import { TradovateExits } from './tradovate-exits';
import { buildTradovateOrder, buildTradovateStop } from './tradovate-order-payload';
import { modifyQuantityBody } from './tradovate-modify';
import { buildTradovateStrategy, findStrategy, startStrategy } from './tradovate-strategy';
import * as S from './tradovate-state';
import { checkCommand, placedOrderId, toPlatformOrder } from './tradovate-results';
import type { TradovateSession } from './tradovate-session';
import type { TradovateSymbols } from './tradovate-symbols';
import type { TradovateCommand, TradovateCommandResult, TradovateOrder } from './tradovate.types';

/** What the accounts of one login share (see TradovateLogin): its session, API client and contract cache. */
export interface TradovateShared {
  session: TradovateSession;
  api: TradovateApi;
  symbols: TradovateSymbols;
  contracts: ContractCatalog;
  /** The account's name (spec) as `/account/list` gives it, for accounts configured with their id only. */
  accountSpec(accountId: number): Promise<string>;
}

export interface TradovateConnectorDeps {
  firmCode: string;
  login: TradovateShared;
  /** `accountSpec` null: looked up by id on the login's account list at first use. */
  account: { accountId: number; accountSpec: string | null };
}

/**
 * Tradovate REST adapter for one account (Apex, MFFU, TPT, Tradeify, FundedNext), on its connection's login
 * (session, contracts, rate limits). Thin: the gateway retries.
 */
export class TradovateConnector extends BrokerConnector {
  readonly platform = 'tradovate' as const;
  readonly firmCode: string;
  private readonly config: { accountId: number; accountSpec: string | null };
  private readonly login: TradovateShared;
  private readonly session: TradovateSession;
  private readonly api: TradovateApi;
  private readonly symbols: TradovateSymbols;
  private readonly contracts: ContractCatalog;

  constructor(deps: TradovateConnectorDeps) {
    super();
    this.firmCode = deps.firmCode;
    this.config = deps.account;
    this.login = deps.login;
    ({ session: this.session, api: this.api, symbols: this.symbols, contracts: this.contracts } = deps.login);
  }

  async authenticate(): Promise<void> {
    await this.session.accessToken();
  }

  async placeOrder(order: NormalizedOrder): Promise<PlatformOrder> {
    const root = this.symbols.root(order.symbol);
    const name = await this.symbols.contractName(order.symbol);
    const tickSize = this.contracts.spec(root)?.tickSize ?? null;
    // a break-even move exists only in an order strategy (its bracket moves the stop by itself)
    if (order.break_even_ticks !== undefined)
      return startStrategy(this.api, buildTradovateStrategy(order, await this.account(), name, tickSize));
    const { path, body } = buildTradovateOrder(order, await this.account(), name, tickSize);
    const res = await this.api.post<TradovateCommandResult>(path, { ...body });
    const orderId = placedOrderId(res, path);
    const brackets = [res.oso1Id, res.oso2Id]
      .filter((id): id is number => typeof id === 'number')
      .map(String);
    return {
      external_order_id: String(orderId),
      status: 'ACCEPTED',
      ...(brackets.length > 0 ? { bracket_order_ids: brackets } : {}),
      raw_request: body,
      raw_response: res,
    };
  }

  /**
   * Tradovate's Order entity carries no client id; the `clOrdId` sent with an order is kept on the command
   * that created it. So: `/command/list` → the New command with this clOrdId → `/order/item` for its order,
   * plus its OSO brackets (orders whose parentId is it) from `/order/deps` of the account. An entry sent as an
   * order strategy (break-even) carries no clOrdId: its strategy is found by `uuid` instead.
   */
  async findOrderByClientId(clientOrderId: string, _symbol: string): Promise<PlatformOrder | null> {
    const commands = await this.api.list<TradovateCommand>('/command/list');
    const created = commands.find((c) => c.commandType === 'New' && c.clOrdId === clientOrderId);
    if (!created) return findStrategy(this.api, clientOrderId, this.config.accountId);
    const order = await this.api.get<TradovateOrder>('/order/item', { id: created.orderId });
    const orders = await this.api.list<TradovateOrder>('/order/deps', { masterid: this.config.accountId });
    const children = orders.filter((o) => o.parentId === order.id);
    return toPlatformOrder(order, { clOrdId: clientOrderId, command: created }, children);
  }

  async getOrderStatus(externalOrderId: string): Promise<PlatformOrder> {
    const order = await this.api.get<TradovateOrder>('/order/item', { id: Number(externalOrderId) });
    return toPlatformOrder(order, { id: externalOrderId });
  }

  async cancelOrder(externalOrderId: string): Promise<PlatformOrder> {
    const body = { orderId: Number(externalOrderId), isAutomated: true };
    const res = checkCommand(
      await this.api.post<TradovateCommandResult>('/order/cancelorder', body),
      'cancel',
    );
    return {
      external_order_id: externalOrderId,
      status: 'PendingCancel',
      raw_request: body,
      raw_response: res,
    };
  }

  async closePosition(exit: ExitRequest): Promise<PlatformOrder> {
    const name = await this.symbols.contractName(exit.symbol);
    const exits = new TradovateExits(this.api, await this.account());
    return exits.close(exit, name, await this.symbols.contractId(name));
  }

  async placeStop(stop: StopOrderRequest): Promise<PlatformOrder> {
    const name = await this.symbols.contractName(stop.symbol);
    const tickSize = this.contracts.spec(this.symbols.root(stop.symbol))?.tickSize ?? null;
    const body = buildTradovateStop(stop, await this.account(), name, tickSize);
    const res = await this.api.post<TradovateCommandResult>('/order/placeorder', { ...body });
    const orderId = placedOrderId(res, '/order/placeorder');
    return { external_order_id: String(orderId), status: 'ACCEPTED', raw_request: body, raw_response: res };
  }

  /**
   * `/order/modifyorder` with the new `orderQty`. The order's type and prices are required with it, so they
   * are sent as its latest version (`/orderVersion/deps`) holds them: a trailing stop stays one.
   */
  async resizeOrder(resize: ResizeRequest): Promise<PlatformOrder> {
    const orderId = Number(resize.order.orderId);
    const versions = await this.api.list<S.TradovateOrderVersion>('/orderVersion/deps', {
      masterid: orderId,
    });
    const body = modifyQuantityBody(orderId, versions, resize.quantity);
    const res = checkCommand(
      await this.api.post<TradovateCommandResult>('/order/modifyorder', { ...body }),
      'modify',
    );
    return {
      external_order_id: String(orderId),
      status: 'PendingReplace',
      raw_request: body,
      raw_response: res,
    };
  }

  /** `/position/list`, `/order/list` and `/orderVersion/list`, narrowed to the account and the contract. */
  async readPosition(symbol: string): Promise<PositionPicture> {
    const name = await this.symbols.contractName(symbol);
    const contractId = await this.symbols.contractId(name);
    const [positions, orders, versions] = await Promise.all([
      this.api.list<S.TradovatePosition>('/position/list'),
      this.api.list<S.TradovateOrderEntity>('/order/list'),
      this.api.list<S.TradovateOrderVersion>('/orderVersion/list'),
    ]);
    return S.tradovatePosition({ positions, orders, versions }, this.config.accountId, contractId, name);
  }

  supportsSymbol(symbol: string): boolean {
    return this.contracts.normalize(symbol) !== null;
  }

  /** Current credential and token values, for the gateway's redactor. */
  secrets(): string[] {
    return this.session.secrets();
  }

  /** The account id and spec, the spec looked up once when the account was configured without it. */
  private async account(): Promise<TradovateAccount> {
    const { accountId, accountSpec } = this.config;
    if (accountSpec !== null) return { accountId, accountSpec };
    this.config.accountSpec = await this.login.accountSpec(accountId);
    return { accountId, accountSpec: this.config.accountSpec };
  }
}
