import Decimal from 'decimal.js';
import type { Trigger } from './fake-market';
import { FakeOrderRecord, FakePositions } from './fake-platform';
import type { Json, Reply } from './http-fake';

/** The ProjectX fake's records and the shapes its Gateway answers in (gateway.docs.projectx.com). */
export interface Contract {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId: string;
  mark: number;
}

export interface PxOrder {
  record: FakeOrderRecord;
  id: number;
  accountId: number;
  contract: Contract;
  created: string;
  status: number;
  type: number;
  side: number;
  limitPrice: number | null;
  stopPrice: number | null;
  customTag: string | null;
  /** The price it filled at (a JSON number, as the Gateway answers); null until filled. */
  filledPrice: number | null;
  /** A TrailingStop (type 5): how far it trails the market; null otherwise. */
  trail: number | null;
}

export const STATUS = { Open: 1, Filled: 2, Cancelled: 3, Rejected: 5 } as const;
export const STATUS_NAME: Record<number, string> = { 1: 'Open', 2: 'Filled', 3: 'Cancelled', 5: 'Rejected' };
export const TYPE_NAME: Record<number, string> = { 1: 'Limit', 2: 'Market', 4: 'Stop', 5: 'TrailingStop' };

/** Every answer is a 200 carrying {success, errorCode, errorMessage}. */
export function answer(body: Json, errorCode = 0, errorMessage: string | null = null): Reply {
  return { status: 200, body: { ...body, success: errorCode === 0, errorCode, errorMessage } };
}

export function catalog(): Contract[] {
  const c = (
    id: string,
    name: string,
    description: string,
    tickSize: number,
    tickValue: number,
    mark: number,
  ) => ({
    id,
    name,
    description,
    tickSize,
    tickValue,
    mark,
    activeContract: !id.endsWith('H26'),
    symbolId: id.split('.').slice(1, 4).join('.'),
  });
  return [
    c('CON.F.US.ENQ.Z25', 'NQZ5', 'E-mini NASDAQ-100: December 2025', 0.25, 5, 18000),
    c('CON.F.US.ENQ.H26', 'NQH6', 'E-mini NASDAQ-100: March 2026', 0.25, 5, 18100),
    c('CON.F.US.MNQ.Z25', 'MNQZ5', 'Micro E-mini Nasdaq-100: December 2025', 0.25, 0.5, 18000),
    c('CON.F.US.NQG.Z25', 'NQGZ5', 'E-Mini Natural Gas: December 2025', 0.005, 12.5, 3.5),
    c('CON.F.US.EP.Z25', 'ESZ5', 'E-mini S&P 500: December 2025', 0.25, 12.5, 5000),
    c('CON.F.US.MES.Z25', 'MESZ5', 'Micro E-mini S&P 500: December 2025', 0.25, 1.25, 5000),
    c('CON.F.US.CLE.Z25', 'CLZ5', 'Crude Light: December 2025', 0.01, 10, 70),
    c('CON.F.US.GCE.Z25', 'GCZ5', 'Gold: December 2025', 0.1, 10, 2000),
  ];
}

export function view(o: PxOrder): Json {
  return {
    id: o.id,
    accountId: o.accountId,
    contractId: o.contract.id,
    symbolId: o.contract.symbolId,
    creationTimestamp: o.created,
    updateTimestamp: null,
    status: o.status,
    type: o.type,
    side: o.side,
    size: o.record.quantity,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    fillVolume: o.status === STATUS.Filled ? o.record.quantity : 0,
    filledPrice: o.filledPrice,
    customTag: o.customTag,
  };
}

export function invalidOrder(b: Json): string | undefined {
  if (!Number.isInteger(b.accountId)) return 'accountId is required';
  if (![1, 2, 4].includes(Number(b.type))) return `Unsupported order type ${String(b.type)}`;
  if (b.side !== 0 && b.side !== 1) return 'side must be 0 (bid) or 1 (ask)';
  if (!Number.isInteger(b.size) || Number(b.size) <= 0) return 'size must be a positive integer';
  if (b.type === 1 && typeof b.limitPrice !== 'number') return 'A limit order needs limitPrice';
  if (b.type === 4 && typeof b.stopPrice !== 'number') return 'A stop order needs stopPrice';
  const long = b.side === 0;
  return (
    invalidBracket(b.stopLossBracket, long ? -1 : 1, 'stopLossBracket') ??
    invalidBracket(b.takeProfitBracket, long ? 1 : -1, 'takeProfitBracket')
  );
}

/** /api/Contract/search: contracts whose name, description or symbol contain the text (mark hidden). */
export function searchContracts(contracts: Contract[], text: string): Json[] {
  const t = text.toUpperCase();
  return contracts
    .filter((c) => [c.name, c.description, c.symbolId].some((f) => f.toUpperCase().includes(t)))
    .map(({ mark: _mark, ...visible }) => visible);
}

/** Why an order cannot be cancelled or modified: not the account's (code 1), or not open (code 2). */
export function notOpen(
  order: PxOrder | undefined,
  orderId: unknown,
  accountId: number,
): { code: number; text: string } | undefined {
  if (!order || order.accountId !== accountId) return { code: 1, text: `Order ${String(orderId)} not found` };
  if (order.status !== STATUS.Open) return { code: 2, text: `Order ${String(orderId)} is not open` };
  return undefined;
}

/**
 * Why /api/Order/modify refuses a body for `order` (its error code and message); undefined when it changes
 * only the size of an open order of the account.
 */
export function invalidModify(
  b: Json,
  order: PxOrder | undefined,
  accountId: number,
): { code: number; text: string } | undefined {
  const closed = notOpen(order, b.orderId, accountId);
  if (closed || !order) return closed;
  const size = b.size ?? order.record.quantity;
  if (!Number.isInteger(size) || Number(size) <= 0)
    return { code: 2, text: 'size must be a positive integer' };
  const held: Json = { limitPrice: order.limitPrice, stopPrice: order.stopPrice, trailPrice: null };
  for (const field of ['limitPrice', 'stopPrice', 'trailPrice'])
    if (b[field] !== undefined && b[field] !== null && b[field] !== held[field])
      return { code: 2, text: `this fake modifies sizes only: ${field} ${String(b[field])} differs` };
  return undefined;
}

function invalidBracket(bracket: unknown, sign: number, name: string): string | undefined {
  if (bracket === null || bracket === undefined) return undefined;
  const { ticks, type } = bracket as Json;
  if (!Number.isInteger(ticks) || ticks === 0) return `${name}.ticks must be a whole, non-zero number`;
  if (Math.sign(Number(ticks)) !== sign) return `${name}.ticks has the wrong sign for this side`;
  // a trailing stop (5) protects; it cannot take profit
  const types = name === 'stopLossBracket' ? [1, 2, 4, 5] : [1, 2, 4];
  if (!types.includes(Number(type))) return `${name}.type ${String(type)} is not supported`;
  return undefined;
}

/** An order's bracket legs with their order types: the stop loss (4, or 5 trailing), the take profit (1). */
export function bracketLegs(b: Json): [Json, number][] {
  const legs: [Json, number][] = [];
  const stop = b.stopLossBracket as Json | null | undefined;
  if (stop) legs.push([stop, Number(stop.type) === 5 ? 5 : 4]);
  if (b.takeProfitBracket) legs.push([b.takeProfitBracket as Json, 1]);
  return legs;
}

/** What the market watches of a working Limit (1) / Stop (4) / TrailingStop (5) order; null without a level. */
export function workingTrigger(
  order: PxOrder,
  oco: string | null,
  fill: (price: Decimal) => void,
  cancel: () => void,
): Trigger | null {
  const level = order.type === 1 ? order.limitPrice : order.stopPrice;
  if (level === null) return null;
  return {
    orderId: String(order.id),
    symbol: order.contract.name,
    side: order.side === 0 ? 'BUY' : 'SELL',
    type: order.type === 1 ? 'LIMIT' : 'STOP',
    level: new Decimal(String(level)),
    ...(order.trail !== null ? { trail: new Decimal(String(order.trail)) } : {}),
    oco,
    active: () => order.status === STATUS.Open,
    fill,
    cancel,
  };
}

/** The book's positions by account and contract name (for `positions()` / `accountPositions()`). */
export function netPositions(
  positions: Iterable<{ accountId: number; contractId: string; size: number }>,
  contracts: Contract[],
): FakePositions {
  const out = new FakePositions();
  for (const p of positions) {
    const name = contracts.find((c) => c.id === p.contractId)?.name ?? p.contractId;
    out.add(String(p.accountId), name, p.size);
  }
  return out;
}
