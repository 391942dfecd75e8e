import type { NormalizedOrder, StopOrderRequest } from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import { onTick, stopLossBracket, takeProfitBracket } from './projectx-brackets';
import { PX_SIDE, PX_TYPE, type ProjectXContract, type ProjectXPlaceOrderBody } from './projectx.types';

/**
 * The `/api/Order/place` body: numeric type (1 Limit, 2 Market, 4 Stop) and side (0 buy, 1 sell),
 * a trailing stop loss as a stopLossBracket of type 5 (TrailingStop),
 * `customTag` = the router's client order id (ProjectX refuses a second order with the same tag on an
 * account, which is also what reconciliation searches by), and brackets in ticks from `entry_price`
 * (required with a stop loss or take profit, since ticks are measured from it). Brackets take effect only
 * on accounts with ProjectX's automatic OCO brackets enabled.
 */
export function buildProjectXOrder(
  order: NormalizedOrder,
  accountId: number,
  contract: ProjectXContract,
): ProjectXPlaceOrderBody {
  const body: ProjectXPlaceOrderBody = {
    accountId,
    contractId: contract.id,
    type: PX_TYPE.Market,
    side: PX_SIDE[order.side],
    size: order.quantity,
    limitPrice: null,
    stopPrice: null,
    trailPrice: null,
    customTag: order.client_order_id,
    stopLossBracket: null,
    takeProfitBracket: null,
  };
  if (order.order_type !== 'MARKET') Object.assign(body, entryPrice(order, contract));
  if (order.stop_loss === undefined && order.take_profit === undefined) return body;
  const entry = order.entry_price;
  if (entry === undefined) {
    throw ConnectorError.rejected(
      'ProjectX: brackets are measured in ticks from entry_price, which is missing',
    );
  }
  if (order.stop_loss !== undefined) {
    // a trailing stop starts at the stop loss, trail_distance (= entry − stop loss) behind the market
    const trailing = order.trail_distance !== undefined;
    body.stopLossBracket = stopLossBracket(order.side, entry, order.stop_loss, contract.tickSize, trailing);
  }
  if (order.take_profit !== undefined) {
    body.takeProfitBracket = takeProfitBracket(order.side, entry, order.take_profit, contract.tickSize);
  }
  return body;
}

/** A LIMIT or STOP order's type and price, on the contract's tick. */
function entryPrice(order: NormalizedOrder, contract: ProjectXContract): Partial<ProjectXPlaceOrderBody> {
  if (order.entry_price === undefined) {
    throw ConnectorError.rejected(`ProjectX: a ${order.order_type} order needs entry_price`);
  }
  const price = onTick(order.entry_price, contract.tickSize);
  return order.order_type === 'LIMIT'
    ? { type: PX_TYPE.Limit, limitPrice: price }
    : { type: PX_TYPE.Stop, stopPrice: price };
}

/** A Stop order on its own (a protective stop): type 4, the stop price on the contract's tick, no brackets. */
export function buildProjectXStop(
  stop: StopOrderRequest,
  accountId: number,
  contract: ProjectXContract,
): ProjectXPlaceOrderBody {
  return {
    accountId,
    contractId: contract.id,
    type: PX_TYPE.Stop,
    side: PX_SIDE[stop.side],
    size: stop.quantity,
    limitPrice: null,
    stopPrice: onTick(stop.stop_price, contract.tickSize),
    trailPrice: null,
    customTag: stop.client_order_id,
    stopLossBracket: null,
    takeProfitBracket: null,
  };
}
