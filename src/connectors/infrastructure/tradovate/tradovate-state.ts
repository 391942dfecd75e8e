import type { PlatformState } from '../../application/ports/broker-connector.port';
import type { PositionPicture } from '../../application/ports/connector-gateway.port';
import type { PlatformFill, PlatformWorkingOrder } from '../../../shared-kernel/platform-state';
import { decimalText, orderFills, since } from '../state/decimal-text';

/** The Tradovate REST entities an account's state is read from (partner.tradovate.com field names). */
export interface TradovateCashBalance {
  errorText?: string;
  totalCashValue?: number;
  openPnL?: number;
  realizedPnL?: number;
  netLiq?: number;
}
export interface TradovatePosition {
  accountId: number;
  contractId: number;
  netPos: number;
  netPrice?: number | null;
}
export interface TradovateFill {
  id: number;
  orderId: number;
  contractId: number;
  timestamp: string;
  action: 'Buy' | 'Sell';
  qty: number;
  price: number;
  active?: boolean;
}
export interface TradovateOrderEntity {
  id: number;
  accountId: number;
  contractId: number;
  action: 'Buy' | 'Sell';
  ordStatus: string;
}
export interface TradovateOrderVersion {
  id: number;
  orderId: number;
  orderQty: number;
  orderType: string;
  price?: number | null;
  stopPrice?: number | null;
  /** A trailing stop's signed distance from the market. */
  pegDifference?: number | null;
}

export interface TradovateStateAnswers {
  cash: TradovateCashBalance;
  positions: TradovatePosition[];
  fills: TradovateFill[];
  orders: TradovateOrderEntity[];
  versions: TradovateOrderVersion[];
}

const TYPES: Record<string, PlatformWorkingOrder['type']> = {
  Market: 'MARKET',
  Limit: 'LIMIT',
  Stop: 'STOP',
  StopLimit: 'STOP_LIMIT',
  // a trailing stop covers the position as a stop does (protection, reconciliation)
  TrailingStop: 'STOP',
};
const side = (action: string): 'BUY' | 'SELL' => (action === 'Buy' ? 'BUY' : 'SELL');

/**
 * One account's state from Tradovate's answers: the cash balance snapshot, the user's positions, fills
 * (a fill names its order, the order its account), orders and order versions (quantity, type, prices).
 * `nameOf` turns a contractId into the contract's name (`/contract/item`).
 */
export function tradovateState(
  a: TradovateStateAnswers,
  accountId: number,
  fillsSince: Date | null,
  nameOf: (contractId: number) => string,
): PlatformState {
  const orders = a.orders.filter((o) => o.accountId === accountId);
  const ours = new Set(orders.map((o) => o.id));
  const fills: PlatformFill[] = a.fills
    .filter((f) => ours.has(f.orderId) && f.active !== false && since(f.timestamp, fillsSince))
    .map((f) => ({
      fillId: String(f.id),
      orderId: String(f.orderId),
      clientOrderId: null,
      symbol: nameOf(f.contractId),
      side: side(f.action),
      quantity: f.qty,
      price: decimalText(f.price) ?? '0',
      filledAt: f.timestamp,
    }));
  return {
    balance: decimalText(a.cash.totalCashValue),
    openPnl: decimalText(a.cash.openPnL),
    realizedPnl: decimalText(a.cash.realizedPnL),
    positions: a.positions
      .filter((p) => p.accountId === accountId && p.netPos !== 0)
      .map((p) => ({
        symbol: nameOf(p.contractId),
        netQuantity: p.netPos,
        averagePrice: decimalText(p.netPrice),
      })),
    fills: orderFills(fills),
    workingOrders: orders.filter((o) => o.ordStatus === 'Working').map((o) => working(o, a.versions, nameOf)),
  };
}

/**
 * One contract of one account from `/position/list`, `/order/list` and `/orderVersion/list`: its net
 * position and its working orders (quantity, type and prices from each order's latest version).
 */
export function tradovatePosition(
  a: Pick<TradovateStateAnswers, 'positions' | 'orders' | 'versions'>,
  accountId: number,
  contractId: number,
  name: string,
): PositionPicture {
  const position = a.positions.find((p) => p.accountId === accountId && p.contractId === contractId);
  const orders = a.orders.filter(
    (o) => o.accountId === accountId && o.contractId === contractId && o.ordStatus === 'Working',
  );
  return {
    symbol: name,
    netQuantity: position?.netPos ?? 0,
    workingOrders: orders.map((o) => working(o, a.versions, () => name)),
  };
}

function working(
  o: TradovateOrderEntity,
  versions: TradovateOrderVersion[],
  nameOf: (contractId: number) => string,
): PlatformWorkingOrder {
  const v = versions.filter((x) => x.orderId === o.id).sort((x, y) => y.id - x.id)[0];
  const type = TYPES[v?.orderType ?? ''] ?? 'OTHER';
  return {
    orderId: String(o.id),
    clientOrderId: null,
    symbol: nameOf(o.contractId),
    side: side(o.action),
    quantity: v?.orderQty ?? 0,
    type,
    stopPrice: type === 'STOP' || type === 'STOP_LIMIT' ? decimalText(v?.stopPrice) : null,
    limitPrice: type === 'LIMIT' || type === 'STOP_LIMIT' ? decimalText(v?.price) : null,
  };
}

/** The contract ids an answer mentions for the account (to resolve their names before mapping). */
export function contractIds(a: TradovateStateAnswers, accountId: number): number[] {
  const orders = a.orders.filter((o) => o.accountId === accountId);
  const ours = new Set(orders.map((o) => o.id));
  const ids = [
    ...a.positions.filter((p) => p.accountId === accountId && p.netPos !== 0).map((p) => p.contractId),
    ...a.fills.filter((f) => ours.has(f.orderId)).map((f) => f.contractId),
    ...orders.filter((o) => o.ordStatus === 'Working').map((o) => o.contractId),
  ];
  return [...new Set(ids)];
}
