import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';

/** What reconciliation (issue 14) compares and what it finds: see `reconcile` in reconcile.ts. */

export type DriftKind = 'orphan_position' | 'trade_flat' | 'foreign_order';
export const DRIFT_KINDS: readonly DriftKind[] = ['orphan_position', 'trade_flat', 'foreign_order'];

export type Side = 'BUY' | 'SELL';

/** A trade PropRouter believes open in the account: its entry, less what the platform already closed. */
export interface OpenTrade {
  tradeId: string;
  clientOrderId: string;
  externalOrderId: string | null;
  symbol: string;
  side: Side;
  /** What the entry opened. */
  quantity: number;
  /** What PropRouter believes still open (the entry less what reconciliation found closed). */
  openQuantity: number;
  /** The entry asked for a stop loss / take profit: its bracket legs are PropRouter's. */
  stopLoss: boolean;
  takeProfit: boolean;
}

/** What PropRouter believed of the account when it looked. */
export interface RoutedBook {
  /** Oldest first. */
  trades: OpenTrade[];
  /** Roots with an order in flight or just changed: judged on a later round, when both sides have settled. */
  unsettledRoots: ReadonlySet<string>;
  /** Working orders at the platform that PropRouter sent (matched by client or platform order id). */
  ownOrderIds: ReadonlySet<string>;
}

/** The platform's side of a drift. */
export interface PlatformSide {
  symbol: string;
  /** Signed net quantity at the platform (0: flat). */
  netQuantity: number;
  averagePrice: string | null;
  /** The working order, for `foreign_order`. */
  order: PlatformWorkingOrder | null;
}

/** PropRouter's side of a drift: the signed net it believed, and the trades behind it. */
export interface BelievedSide {
  netQuantity: number;
  trades: { tradeId: string; clientOrderId: string; side: Side; openQuantity: number }[];
}

/** How one trade's record changes: its open quantity becomes `openQuantity` (0: closed). */
export interface TradeSettlement {
  tradeId: string;
  clientOrderId: string;
  fromQuantity: number;
  openQuantity: number;
}

export interface Drift {
  kind: DriftKind;
  /** Stable while the drift stands: kind + root (+ order id); with the account, the dedupe key. */
  key: string;
  root: string;
  platform: PlatformSide;
  believed: BelievedSide;
  /** `orphan_position`: the side and quantity no routed trade accounts for (what a flatten closes). */
  orphan: { side: Side; quantity: number } | null;
  /** `trade_flat`: the trade records to bring in line with the platform. */
  settlements: TradeSettlement[];
}

export interface Reconciliation {
  drifts: Drift[];
  /** Roots not judged this round (unsettled): a drift standing there is neither confirmed nor resolved. */
  skippedRoots: string[];
}
