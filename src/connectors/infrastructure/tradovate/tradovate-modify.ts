import { ConnectorError } from '../../domain/connector-errors';
import type { TradovateOrderVersion } from './tradovate-state';

/** A `/order/modifyorder` body (partner.tradovate.com ModifyOrder: orderId, orderQty, orderType required). */
export interface TradovateModifyBody {
  orderId: number;
  orderQty: number;
  orderType: string;
  price?: number;
  stopPrice?: number;
  pegDifference?: number;
  isAutomated: true;
}

/**
 * The modify that changes only an order's quantity: its type and prices as its latest version holds them.
 * An order with no version is not one Tradovate can modify (unknown, or never accepted): REJECTED.
 */
export function modifyQuantityBody(
  orderId: number,
  versions: TradovateOrderVersion[],
  quantity: number,
): TradovateModifyBody {
  const latest = versions.filter((v) => v.orderId === orderId).sort((a, b) => b.id - a.id)[0];
  if (!latest) throw ConnectorError.rejected(`Tradovate modify: order ${orderId} has no version to modify`);
  const number = (v: number | null | undefined) => (typeof v === 'number' ? v : undefined);
  const body: TradovateModifyBody = {
    orderId,
    orderQty: quantity,
    orderType: latest.orderType,
    isAutomated: true,
  };
  const price = number(latest.price);
  const stopPrice = number(latest.stopPrice);
  const peg = number(latest.pegDifference);
  if (price !== undefined) body.price = price;
  if (stopPrice !== undefined) body.stopPrice = stopPrice;
  if (peg !== undefined) body.pegDifference = peg;
  return body;
}
