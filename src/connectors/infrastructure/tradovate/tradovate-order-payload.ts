import Decimal from 'decimal.js';
import type { NormalizedOrder, StopOrderRequest } from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import { fromUnits, roundHalfUp, wholeUnits } from '../../domain/tick-grid';
import type { TradovateAccount } from '../config/tradovate.config';
import type { TradovateAction, TradovateBracket, TradovatePlaceOrderBody } from './tradovate.types';

export interface TradovateOrderRequest {
  path: '/order/placeorder' | '/order/placeoso';
  body: TradovatePlaceOrderBody;
}

export function tradovateAction(side: 'BUY' | 'SELL'): TradovateAction {
  return side === 'BUY' ? 'Buy' : 'Sell';
}

export function oppositeAction(side: 'BUY' | 'SELL'): TradovateAction {
  return side === 'BUY' ? 'Sell' : 'Buy';
}

/**
 * A price on the contract's tick grid (nearest tick, a half tick away from zero), as a JSON number;
 * unchanged when the tick is unknown. Exact: in whole units (tick-grid) when the numbers fit, else decimal.js.
 */
export function onTick(price: number, tickSize: number | null): number {
  if (!tickSize) return price;
  const scaled = price > 0 && tickSize > 0 ? wholeUnits([price, tickSize]) : null;
  if (scaled) {
    const [units, tick] = scaled.units;
    const onGrid = roundHalfUp(units, tick) * tick;
    if (Number.isSafeInteger(onGrid)) return fromUnits(onGrid, scaled.places);
  }
  const tick = new Decimal(tickSize);
  return new Decimal(price).div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick).toNumber();
}

/**
 * The placeorder body, or a placeoso body when a stop loss or take profit is given. The router's client
 * order id travels as `clOrdId` (reconciliation finds it again on the order's New command); `customTag50`
 * is not used because a public client reports Tradovate rejecting it ("Unregisted Tag50"), and `clOrdId`
 * is not an idempotency key (Tradovate accepts duplicates), so the gateway looks orders up before resending.
 * Brackets go the opposite way: bracket1 the take profit (Limit), bracket2 the stop loss (Stop, or
 * TrailingStop for a trailing stop: `stopPrice` where it starts, `pegDifference` the signed distance it
 * trails by); with only a stop loss it becomes bracket1, which the API requires. Prices are snapped to the
 * contract's tick.
 */
export function buildTradovateOrder(
  order: NormalizedOrder,
  config: TradovateAccount,
  contractName: string,
  tickSize: number | null,
): TradovateOrderRequest {
  const body: TradovatePlaceOrderBody = {
    accountSpec: config.accountSpec,
    accountId: config.accountId,
    clOrdId: order.client_order_id,
    action: tradovateAction(order.side),
    symbol: contractName,
    orderQty: order.quantity,
    orderType: 'Market',
    isAutomated: true,
  };
  if (order.order_type !== 'MARKET') {
    if (order.entry_price === undefined) {
      throw ConnectorError.rejected(`Tradovate: a ${order.order_type} order needs entry_price`);
    }
    const price = onTick(order.entry_price, tickSize);
    if (order.order_type === 'LIMIT') Object.assign(body, { orderType: 'Limit', price });
    else Object.assign(body, { orderType: 'Stop', stopPrice: price });
  }
  const brackets: TradovateBracket[] = [];
  const exit = oppositeAction(order.side);
  if (order.take_profit !== undefined) {
    brackets.push({ action: exit, orderType: 'Limit', price: onTick(order.take_profit, tickSize) });
  }
  if (order.stop_loss !== undefined) brackets.push(stopBracket(order, exit, tickSize));
  if (brackets.length === 0) return { path: '/order/placeorder', body };
  const [bracket1, bracket2] = brackets;
  return { path: '/order/placeoso', body: { ...body, bracket1, ...(bracket2 ? { bracket2 } : {}) } };
}

/** The stop loss leg: a Stop, or a TrailingStop starting at the stop loss and trailing by its distance. */
function stopBracket(
  order: NormalizedOrder,
  exit: TradovateAction,
  tickSize: number | null,
): TradovateBracket {
  const stopPrice = onTick(order.stop_loss!, tickSize);
  if (order.trail_distance === undefined) return { action: exit, orderType: 'Stop', stopPrice };
  const distance = onTick(order.trail_distance, tickSize);
  return {
    action: exit,
    orderType: 'TrailingStop',
    stopPrice,
    pegDifference: exit === 'Sell' ? -distance : distance,
  };
}

/** A Stop order on its own (a protective stop): `/order/placeorder`, the stop price on the contract's tick. */
export function buildTradovateStop(
  stop: StopOrderRequest,
  config: TradovateAccount,
  contractName: string,
  tickSize: number | null,
): TradovatePlaceOrderBody {
  return {
    accountSpec: config.accountSpec,
    accountId: config.accountId,
    clOrdId: stop.client_order_id,
    action: tradovateAction(stop.side),
    symbol: contractName,
    orderQty: stop.quantity,
    orderType: 'Stop',
    stopPrice: onTick(stop.stop_price, tickSize),
    isAutomated: true,
  };
}
