import Decimal from 'decimal.js';
import type { FakeFill } from './fake-ledger';
import type { Trigger } from './fake-market';
import type { FakeAccount, FakeOrderRecord } from './fake-platform';
import type { Json } from './http-fake';

/** The Tradovate fake's records and the shapes its API answers them in (partner.tradovate.com). */
export interface TvOrder {
  record: FakeOrderRecord;
  id: number;
  accountId: number;
  contractId: number;
  action: 'Buy' | 'Sell';
  timestamp: string;
  parentId: number | null;
  ocoId: number | null;
  /** A strategy's stop with a break-even: once the market reaches `at`, the stop moves to `to` (then null). */
  breakEven?: { at: Decimal; to: Decimal } | null;
}

export interface Command {
  id: number;
  orderId: number;
  timestamp: string;
  clOrdId: string | null;
  commandType: 'New' | 'Cancel' | 'Modify';
  commandStatus: string;
}

/** A new order as the book keeps it: Working, with the body it was placed (or created as a bracket leg) with. */
export function newTvOrder(
  body: Json,
  name: string,
  action: 'Buy' | 'Sell',
  at: number,
  where: { id: number; accountId: number; contractId: number; parentId: number | null },
): TvOrder {
  const { id, accountId, parentId } = where;
  const record: FakeOrderRecord = {
    id: String(id),
    accountId: String(accountId),
    accountSpec: typeof body.accountSpec === 'string' ? body.accountSpec : null,
    clientOrderId: parentId === null && typeof body.clOrdId === 'string' ? body.clOrdId : null,
    symbol: name,
    side: action === 'Buy' ? 'BUY' : 'SELL',
    quantity: Number(body.orderQty),
    type: String(body.orderType),
    status: 'Working',
    bracketIds: [],
    body,
    receivedAt: at,
  };
  return { ...where, action, timestamp: new Date().toISOString(), ocoId: null, record };
}

export function view(o: TvOrder): Json {
  return {
    id: o.id,
    accountId: o.accountId,
    contractId: o.contractId,
    timestamp: o.timestamp,
    action: o.action,
    ordStatus: o.record.status,
    admin: false,
    ocoId: o.ocoId,
    parentId: o.parentId,
  };
}

/** An order's version: what it asks for (Tradovate keeps quantity, type and prices there, not on the order). */
export function version(o: TvOrder): Json {
  const body = o.record.body as Json;
  return {
    id: o.id,
    orderId: o.id,
    orderQty: o.record.quantity,
    orderType: o.record.type,
    price: typeof body.price === 'number' ? body.price : null,
    stopPrice: typeof body.stopPrice === 'number' ? body.stopPrice : null,
    pegDifference: typeof body.pegDifference === 'number' ? body.pegDifference : null,
    timeInForce: 'Day',
    timestamp: o.timestamp,
  };
}

/** A fill as Tradovate's `fill` entity: it names its order (the order names the account), not the account. */
export function fillView(f: FakeFill, contractId: number): Json {
  const day = f.at.toISOString().slice(0, 10).split('-').map(Number);
  return {
    id: f.id,
    orderId: Number(f.orderId),
    contractId,
    timestamp: f.at.toISOString(),
    tradeDate: { year: day[0], month: day[1], day: day[2] },
    action: f.side === 'BUY' ? 'Buy' : 'Sell',
    qty: f.quantity,
    price: f.price.toNumber(),
    active: true,
    finallyPaired: 0,
  };
}

/** Why /order/placeorder (or placeoso, with its brackets) refuses a body; undefined when it is valid. */
export function invalidOrder(b: Json, oso: boolean): string | undefined {
  if (typeof b.accountSpec !== 'string' || !Number.isInteger(b.accountId))
    return 'accountSpec and accountId are required';
  if (b.action !== 'Buy' && b.action !== 'Sell') return 'action must be Buy or Sell';
  if (typeof b.symbol !== 'string' || !/^[A-Z0-9]+[FGHJKMNQUVXZ]\d$/.test(b.symbol))
    return `unknown contract ${String(b.symbol)}`;
  if (!Number.isInteger(b.orderQty) || Number(b.orderQty) <= 0) return 'orderQty must be a positive integer';
  if (b.isAutomated !== true) return 'isAutomated must be true for orders not placed by a human';
  return invalidType(b) ?? (oso ? invalidBrackets(b) : undefined);
}

/** Order states a cancel or modify still reaches. */
export const WORKING = new Set(['Working', 'Suspended']);

/** With configured accounts, an order must name one of them (id and spec). */
export function unknownAccount(accounts: FakeAccount[], body: Json): string | undefined {
  if (accounts.length === 0) return undefined;
  const known = accounts.some((a) => Number(a.id) === body.accountId && a.name === body.accountSpec);
  return known ? undefined : `Account ${String(body.accountId)} (${String(body.accountSpec)}) is not yours`;
}

/** Why /order/modifyorder refuses a body for `order` ({failureReason, failureText}); undefined: only the quantity changes. */
export function refuseModify(b: Json, order: TvOrder | undefined): Json | undefined {
  const refuse = (failureReason: string, failureText: string) => ({ failureReason, failureText });
  if (!order) return refuse('UnknownReason', `Order ${String(b.orderId)} not found`);
  if (!WORKING.has(order.record.status))
    return refuse('TooLate', `Order ${order.id} is ${order.record.status}`);
  if (!Number.isInteger(b.orderQty) || Number(b.orderQty) <= 0)
    return refuse('UnknownReason', 'orderQty must be a positive integer');
  if (b.orderType !== order.record.type)
    return refuse(
      'UnknownReason',
      `orderType ${String(b.orderType)} is not the order's (${order.record.type})`,
    );
  const held = order.record.body as Json;
  for (const field of ['price', 'stopPrice', 'pegDifference'])
    if (b[field] !== undefined && b[field] !== held[field])
      return refuse('UnknownReason', `this fake modifies quantities only: ${field} differs from the order's`);
  return undefined;
}

function invalidBrackets(entry: Json): string | undefined {
  if (!entry.bracket1 || typeof entry.bracket1 !== 'object') return 'bracket1 is required';
  for (const bracket of [entry.bracket1, entry.bracket2]) {
    if (bracket === undefined) continue;
    const b = bracket as Json;
    if (b.action === entry.action) return 'a bracket must go the other way';
    const problem = invalidType(b);
    if (problem) return problem;
  }
  return undefined;
}

function invalidType(b: Json): string | undefined {
  if (b.orderType === 'Limit' && typeof b.price !== 'number') return 'a Limit order needs price';
  if ((b.orderType === 'Stop' || b.orderType === 'TrailingStop') && typeof b.stopPrice !== 'number')
    return `a ${String(b.orderType)} order needs stopPrice`;
  if (b.orderType === 'TrailingStop') {
    const peg = b.pegDifference;
    if (typeof peg !== 'number' || peg === 0) return 'a TrailingStop order needs a non-zero pegDifference';
    if (b.action !== undefined && (b.action === 'Sell') !== peg < 0)
      return 'pegDifference must be negative for a Sell trailing stop, positive for a Buy';
  }
  if (!['Market', 'Limit', 'Stop', 'TrailingStop'].includes(String(b.orderType)))
    return `unsupported orderType ${String(b.orderType)}`;
  return undefined;
}

/**
 * What the market watches of a working Limit/Stop/TrailingStop order (null without a level); `fill` books it.
 * A TrailingStop starts at its stopPrice and trails the market by |pegDifference|.
 */
export function workingTrigger(
  order: TvOrder,
  fill: (price: Decimal) => void,
  cancelled: () => void = () => {},
): Trigger | null {
  const body = order.record.body as Json;
  const level = order.record.type === 'Limit' ? body.price : body.stopPrice;
  if (typeof level !== 'number') return null;
  const trailing = order.record.type === 'TrailingStop' && typeof body.pegDifference === 'number';
  return {
    orderId: String(order.id),
    symbol: order.record.symbol,
    side: order.record.side,
    type: order.record.type === 'Limit' ? 'LIMIT' : 'STOP',
    level: new Decimal(String(level)),
    ...(trailing ? { trail: new Decimal(String(body.pegDifference)).abs() } : {}),
    moveTo: (price) => {
      const be = order.breakEven;
      if (!be || (order.record.side === 'SELL' ? price.lt(be.at) : price.gt(be.at))) return null;
      order.breakEven = null;
      return be.to;
    },
    oco: order.ocoId === null ? null : String(order.ocoId),
    active: () => order.record.status === 'Working',
    fill,
    cancel: () => {
      order.record.status = 'Canceled';
      cancelled();
    },
  };
}
