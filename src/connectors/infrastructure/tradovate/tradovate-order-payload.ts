import Decimal from 'decimal.js';
import type { NormalizedOrder, StopOrderRequest } from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
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
 * unchanged when the tick is unknown. Exact decimal arithmetic: in whole units of the finer of the two
 * decimal places when both fit (every price an order carries), else decimal.js — the same number either way.
 */
export function onTick(price: number, tickSize: number | null): number {
  if (!tickSize) return price;
  return onTickScaled(price, tickSize) ?? onTickDecimal(price, tickSize);
}

function onTickDecimal(price: number, tickSize: number): number {
  const tick = new Decimal(tickSize);
  return new Decimal(price).div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick).toNumber();
}

/** At most this many decimal places are scaled to whole numbers (and the results stay safe integers). */
const MAX_SCALE = 9;

/** onTick in safe integers (price and tick × 10^places, exactly from their decimal text); null when unsafe. */
function onTickScaled(price: number, tickSize: number): number | null {
  if (!(price > 0) || !(tickSize > 0)) return null;
  const p = decimalText(price);
  const t = decimalText(tickSize);
  if (p === null || t === null) return null;
  const places = Math.max(p.places, t.places);
  const units = scaled(p, places);
  const tick = scaled(t, places);
  if (units === null || tick === null) return null;
  const rest = units % tick;
  const ticks = (units - rest) / tick + (rest * 2 >= tick ? 1 : 0);
  const onGrid = ticks * tick;
  if (!Number.isSafeInteger(onGrid)) return null;
  return places === 0 ? onGrid : Number(`${onGrid}e-${places}`);
}

function decimalText(n: number): { digits: string; places: number } | null {
  const text = String(n);
  if (text.includes('e')) return null;
  const dot = text.indexOf('.');
  if (dot < 0) return { digits: text, places: 0 };
  const places = text.length - dot - 1;
  return places > MAX_SCALE ? null : { digits: text.slice(0, dot) + text.slice(dot + 1), places };
}

function scaled(d: { digits: string; places: number }, places: number): number | null {
  const n = Number(d.digits + '0'.repeat(places - d.places));
  return Number.isSafeInteger(n) ? n : null;
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
