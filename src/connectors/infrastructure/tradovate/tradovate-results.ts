import type { PlatformOrder } from '../../application/ports/broker-connector.port';
import { ConnectorError } from '../../domain/connector-errors';
import type { TradovateCommandResult, TradovateOrder } from './tradovate.types';

/** Order states in which an order can still trade (and so can be cancelled). */
export const WORKING_STATUSES = new Set(['Working', 'PendingNew', 'PendingReplace', 'Suspended']);

/**
 * Checks a PlaceOrderResult / CommandResult: any `failureReason` other than `Success` is the platform's
 * rejection (with its `failureText`); so are the generic `{errorText}` and `{violations}` answers.
 */
export function checkCommand(res: TradovateCommandResult, what: string): TradovateCommandResult {
  const generic = res as { errorText?: string; violations?: { description?: string }[] };
  if (res.failureReason && res.failureReason !== 'Success') {
    throw ConnectorError.rejected(
      `Tradovate ${what} rejected: ${res.failureReason}: ${res.failureText ?? ''}`.trim(),
      {
        rawResponse: res,
      },
    );
  }
  if (generic.errorText) {
    throw ConnectorError.rejected(`Tradovate ${what} rejected: ${generic.errorText}`, { rawResponse: res });
  }
  if (Array.isArray(generic.violations) && generic.violations.length > 0) {
    const text = generic.violations.map((v) => v.description ?? 'invalid').join('; ');
    throw ConnectorError.rejected(`Tradovate ${what} rejected: ${text}`, { rawResponse: res });
  }
  return res;
}

/** The order id of an accepted placement; an answer without one leaves the outcome unknown. */
export function placedOrderId(res: TradovateCommandResult, what: string): number {
  checkCommand(res, what);
  if (typeof res.orderId !== 'number') {
    throw ConnectorError.unknownOutcome(`Tradovate ${what}: the answer carries no orderId`, {
      rawResponse: res,
    });
  }
  return res.orderId;
}

export function toPlatformOrder(
  order: TradovateOrder,
  request: unknown,
  children: TradovateOrder[] = [],
): PlatformOrder {
  return {
    external_order_id: String(order.id),
    status: order.ordStatus,
    ...(children.length > 0 ? { bracket_order_ids: children.map((c) => String(c.id)) } : {}),
    raw_request: request,
    raw_response: children.length > 0 ? { order, brackets: children } : order,
  };
}
