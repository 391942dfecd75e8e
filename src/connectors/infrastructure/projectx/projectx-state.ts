import type { PlatformState } from '../../application/ports/broker-connector.port';
import type { PositionPicture } from '../../application/ports/connector-gateway.port';
import type {
  PlatformFill,
  PlatformPosition,
  PlatformWorkingOrder,
} from '../../../shared-kernel/platform-state';
import { decimalText, orderFills, since } from '../state/decimal-text';
import type { ProjectXEnvelope } from './projectx.types';

/** The ProjectX Gateway answers an account's state is read from (gateway.docs.projectx.com). */
export interface ProjectXAccountEntity {
  id: number;
  name: string;
  balance?: number | null;
}
export interface ProjectXPositionEntity {
  accountId: number;
  contractId: string;
  /** 1 long, 2 short. */
  type: number;
  size: number;
  averagePrice?: number | null;
}
export interface ProjectXTradeEntity {
  id: number;
  orderId: number;
  contractId: string;
  creationTimestamp: string;
  price: number;
  profitAndLoss?: number | null;
  /** 0 bid (buy), 1 ask (sell). */
  side: number;
  size: number;
  voided?: boolean;
}
export interface ProjectXOrderEntity {
  id: number;
  contractId: string;
  type: number;
  side: number;
  size: number;
  limitPrice?: number | null;
  stopPrice?: number | null;
  customTag?: string | null;
}
export interface ProjectXStateAnswers {
  accounts: ProjectXAccountEntity[];
  positions: ProjectXPositionEntity[];
  trades: ProjectXTradeEntity[];
  orders: ProjectXOrderEntity[];
}
export type ProjectXList<K extends string, T> = ProjectXEnvelope & { [key in K]?: T[] | null };

/** 5 (TrailingStop) covers the position as a stop does (protection, reconciliation). */
const TYPES: Record<number, PlatformWorkingOrder['type']> = { 1: 'LIMIT', 2: 'MARKET', 4: 'STOP', 5: 'STOP' };
const side = (code: number): 'BUY' | 'SELL' => (code === 0 ? 'BUY' : 'SELL');

/**
 * One account's state from the Gateway's answers: its balance (`/api/Account/search`), open positions,
 * trades since the cursor and open orders. The Gateway reports no open or day-realized P&L over REST: null.
 * `nameOf` turns a contract id (`CON.F.US.ENQ.Z25`) into the contract's name (`NQZ5`).
 */
export function projectXState(
  a: ProjectXStateAnswers,
  accountId: number,
  fillsSince: Date | null,
  nameOf: (contractId: string) => string,
): PlatformState | null {
  const account = a.accounts.find((x) => x.id === accountId);
  if (!account) return null;
  const fills: PlatformFill[] = a.trades
    .filter((t) => t.voided !== true && since(t.creationTimestamp, fillsSince))
    .map((t) => fillOf(t, nameOf(t.contractId), null));
  return {
    balance: decimalText(account.balance),
    openPnl: null,
    realizedPnl: null,
    positions: a.positions.filter((p) => p.size !== 0).map((p) => positionOf(p, nameOf(p.contractId))),
    fills: orderFills(fills),
    workingOrders: a.orders.map((o) => workingOf(o, nameOf(o.contractId))),
  };
}

/** One contract of one account from `/api/Position/searchOpen` and `/api/Order/searchOpen`. */
export function projectXPosition(
  positions: ProjectXPositionEntity[],
  orders: ProjectXOrderEntity[],
  contract: { id: string; name: string },
): PositionPicture {
  const net = positions
    .filter((p) => p.contractId === contract.id)
    .reduce((sum, p) => sum + (p.type === 2 ? -Math.abs(p.size) : Math.abs(p.size)), 0);
  return {
    symbol: contract.name,
    netQuantity: net,
    workingOrders: orders.filter((o) => o.contractId === contract.id).map((o) => workingOf(o, contract.name)),
  };
}

/** A Gateway trade (REST or `GatewayUserTrade`) as a fill of the contract named `symbol`. */
export function fillOf(t: ProjectXTradeEntity, symbol: string, clientOrderId: string | null): PlatformFill {
  return {
    fillId: String(t.id),
    orderId: String(t.orderId),
    clientOrderId,
    symbol,
    side: side(t.side),
    quantity: t.size,
    price: decimalText(t.price) ?? '0',
    filledAt: t.creationTimestamp,
  };
}

/** A Gateway position (type 1 long, 2 short) as a signed position of the contract named `symbol`. */
export function positionOf(p: ProjectXPositionEntity, symbol: string): PlatformPosition {
  return {
    symbol,
    netQuantity: p.type === 2 ? -Math.abs(p.size) : Math.abs(p.size),
    averagePrice: decimalText(p.averagePrice),
  };
}

/** A Gateway open order as a working order of the contract named `symbol`. */
export function workingOf(o: ProjectXOrderEntity, symbol: string): PlatformWorkingOrder {
  return {
    orderId: String(o.id),
    clientOrderId: o.customTag ?? null,
    symbol,
    side: side(o.side),
    quantity: o.size,
    type: TYPES[o.type] ?? 'OTHER',
    stopPrice: decimalText(o.stopPrice),
    limitPrice: decimalText(o.limitPrice),
  };
}

/** The contract ids the answers mention (to resolve their names before mapping). */
export function contractIds(a: ProjectXStateAnswers): string[] {
  return [
    ...new Set([
      ...a.positions.map((p) => p.contractId),
      ...a.trades.map((t) => t.contractId),
      ...a.orders.map((o) => o.contractId),
    ]),
  ];
}
