import Decimal from 'decimal.js';
import type { PlatformOrder } from '../../application/ports/broker-connector.port';
import type { NormalizedOrder } from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import type { TradovateAccount } from '../config/tradovate.config';
import type { TradovateApi } from './tradovate-api';
import { onTick, tradovateAction } from './tradovate-order-payload';
import { toPlatformOrder } from './tradovate-results';
import type { TradovateOrder } from './tradovate.types';

/** `POST /orderStrategy/startOrderStrategy` (a multibracket strategy: orderStrategyTypeId 2). */
export interface TradovateStrategyBody {
  accountId: number;
  accountSpec: string;
  symbol: string;
  action: 'Buy' | 'Sell';
  orderStrategyTypeId: 2;
  /** JSON text: {entryVersion, brackets:[{qty, profitTarget?, stopLoss, trailingStop, breakeven, breakevenPlus}]}. */
  params: string;
  /** The router's client order id: how the strategy is found again (`/orderStrategy/list`). */
  uuid: string;
  isAutomated: true;
}

interface StrategyLink {
  orderStrategyId: number;
  orderId: number;
  label: string;
}

/**
 * An entry with a break-even move, as Tradovate's order strategy: one bracket whose `stopLoss` and
 * `profitTarget` are signed price offsets from the entry's fill (the alert's stop and target distances; a
 * Buy's stop negative), `breakeven` the profit in points (break_even_ticks × the tick) at which the stop moves
 * to the fill (`breakevenPlus` 0). The bracket's field names beyond qty/profitTarget/stopLoss/trailingStop
 * (`breakeven`, `breakevenPlus`) come from public clients, not the official example: UNCERTAIN.
 */
export function buildTradovateStrategy(
  order: NormalizedOrder,
  account: TradovateAccount,
  contractName: string,
  tickSize: number | null,
): TradovateStrategyBody {
  const { entry_price, stop_loss, take_profit, break_even_ticks } = order;
  if (entry_price === undefined || stop_loss === undefined || break_even_ticks === undefined)
    throw ConnectorError.rejected(
      'Tradovate: a break-even needs entry_price and stop_loss (offsets from the entry)',
    );
  if (!tickSize) throw ConnectorError.rejected(`Tradovate: no tick size known for ${contractName}`);
  const entry = new Decimal(onTick(entry_price, tickSize));
  const offset = (price: number) => new Decimal(onTick(price, tickSize)).minus(entry).toNumber();
  const entryVersion = { orderQty: order.quantity, ...entryType(order.order_type, entry.toNumber()) };
  const bracket = {
    qty: order.quantity,
    ...(take_profit !== undefined ? { profitTarget: offset(take_profit) } : {}),
    stopLoss: offset(stop_loss),
    trailingStop: false,
    breakeven: new Decimal(break_even_ticks).times(tickSize).toNumber(),
    breakevenPlus: 0,
  };
  return {
    accountId: account.accountId,
    accountSpec: account.accountSpec,
    symbol: contractName,
    action: tradovateAction(order.side),
    orderStrategyTypeId: 2,
    params: JSON.stringify({ entryVersion, brackets: [bracket] }),
    uuid: order.client_order_id,
    isAutomated: true,
  };
}

/** The entry's order type, and its price for a limit or a stop. */
function entryType(type: NormalizedOrder['order_type'], price: number): Record<string, unknown> {
  if (type === 'LIMIT') return { orderType: 'Limit', price };
  if (type === 'STOP') return { orderType: 'Stop', stopPrice: price };
  return { orderType: 'Market' };
}

/** Starts the strategy; the platform order is its entry, the brackets its other linked orders. */
export async function startStrategy(api: TradovateApi, body: TradovateStrategyBody): Promise<PlatformOrder> {
  const res = await api.post<{ orderStrategy?: { id?: number } | null; errorText?: string | null }>(
    '/orderStrategy/startOrderStrategy',
    { ...body },
  );
  const id = res.orderStrategy?.id;
  if (typeof id !== 'number')
    throw ConnectorError.rejected(`Tradovate startOrderStrategy: ${res.errorText ?? 'no order strategy'}`);
  const links = await api.list<StrategyLink>('/orderStrategyLink/deps', { masterid: id });
  const entry = links.find((l) => l.label === 'Entry');
  // started, but its entry not listed yet: the gateway looks it up by uuid before anything is sent again
  if (!entry) throw ConnectorError.unknownOutcome(`Tradovate: order strategy ${id} lists no entry yet`);
  return {
    external_order_id: String(entry.orderId),
    status: 'ACCEPTED',
    bracket_order_ids: links.filter((l) => l !== entry).map((l) => String(l.orderId)),
    raw_request: body,
    raw_response: res,
  };
}

/** The strategy started with this uuid (the router's client order id), as its entry order; null when none. */
export async function findStrategy(
  api: TradovateApi,
  clientOrderId: string,
  accountId: number,
): Promise<PlatformOrder | null> {
  const strategies = await api.list<{ id: number; uuid?: string | null }>('/orderStrategy/list');
  const strategy = strategies.find((s) => s.uuid === clientOrderId);
  if (!strategy) return null;
  const links = await api.list<StrategyLink>('/orderStrategyLink/deps', { masterid: strategy.id });
  const entry = links.find((l) => l.label === 'Entry');
  if (!entry) return null;
  const order = await api.get<TradovateOrder>('/order/item', { id: entry.orderId });
  const orders = await api.list<TradovateOrder>('/order/deps', { masterid: accountId });
  const children = orders.filter((o) => o.parentId === order.id);
  return toPlatformOrder(order, { uuid: clientOrderId, orderStrategyId: strategy.id }, children);
}
