import type { PlatformPosition, PlatformWorkingOrder } from '../../shared-kernel/platform-state';

/**
 * Reconciliation (issue 14): what the platform shows for one account against what PropRouter routed there.
 *  - `orphan_position`: a position (or the part of one) that no routed trade opened: by hand, another tool;
 *  - `trade_flat`: a routed trade the platform shows flat, or smaller (its stop or target filled): PropRouter's
 *    record must follow, so that a later exit neither closes a position that is gone nor too much of one;
 *  - `foreign_order`: a working order PropRouter did not place (nor a bracket leg of one of its trades).
 * Symbols are compared by root (`NQZ5` at Tradovate, `NQ` as routed): the caller gives the `rootOf` to use.
 */
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

const sign = (side: Side): number => (side === 'BUY' ? 1 : -1);

/** Compares one account's platform positions and working orders with PropRouter's open trades. */
export function reconcile(
  positions: readonly PlatformPosition[],
  workingOrders: readonly PlatformWorkingOrder[],
  book: RoutedBook,
  rootOf: (symbol: string) => string,
): Reconciliation {
  const held = new Map<string, { symbol: string; net: number; averagePrice: string | null }>();
  for (const p of positions) {
    const root = rootOf(p.symbol);
    const h = held.get(root) ?? { symbol: p.symbol, net: 0, averagePrice: p.averagePrice };
    h.net += p.netQuantity;
    held.set(root, h);
  }
  const trades = new Map<string, OpenTrade[]>();
  for (const t of book.trades) {
    if (t.openQuantity <= 0) continue;
    const root = rootOf(t.symbol);
    trades.set(root, [...(trades.get(root) ?? []), t]);
  }
  // A trade whose entry still works at the platform (a limit not yet filled) is not judged either.
  const unsettled = new Set(book.unsettledRoots);
  for (const [root, list] of trades)
    if (list.some((t) => workingOrders.some((o) => isOrderOf(o, t)))) unsettled.add(root);

  const drifts: Drift[] = [];
  for (const root of new Set([...held.keys(), ...trades.keys()])) {
    if (unsettled.has(root)) continue;
    drifts.push(...positionDrifts(root, held.get(root), trades.get(root) ?? []));
  }
  for (const order of workingOrders) {
    const root = rootOf(order.symbol);
    if (unsettled.has(root) || isOwn(order, book)) continue;
    if (isBracketLeg(order, trades.get(root) ?? [])) continue;
    drifts.push({
      kind: 'foreign_order',
      key: `foreign_order:${root}:${order.orderId}`,
      root,
      platform: { symbol: order.symbol, ...platformNet(held.get(root)), order },
      believed: believed(trades.get(root) ?? []),
      orphan: null,
      settlements: [],
    });
  }
  return { drifts, skippedRoots: [...unsettled].sort() };
}

function positionDrifts(
  root: string,
  held: { symbol: string; net: number; averagePrice: string | null } | undefined,
  trades: OpenTrade[],
): Drift[] {
  const platformNet = held?.net ?? 0;
  const routedNet = trades.reduce((n, t) => n + sign(t.side) * t.openQuantity, 0);
  if (platformNet === routedNet) return [];
  const platform: PlatformSide = {
    symbol: held?.symbol ?? trades[0].symbol,
    netQuantity: platformNet,
    averagePrice: held?.averagePrice ?? null,
    order: null,
  };
  const believedSide = believed(trades);
  const out: Drift[] = [];
  // What of the routed side the platform still holds: the same direction, up to the routed size.
  const sameDirection = Math.sign(platformNet) === Math.sign(routedNet);
  const kept = sameDirection ? Math.min(Math.abs(platformNet), Math.abs(routedNet)) : 0;
  if (routedNet !== 0 && kept < Math.abs(routedNet)) {
    out.push({
      kind: 'trade_flat',
      key: `trade_flat:${root}`,
      root,
      platform,
      believed: believedSide,
      orphan: null,
      settlements: settle(trades, kept),
    });
  }
  const excess = Math.abs(platformNet) - kept;
  if (excess > 0) {
    out.push({
      kind: 'orphan_position',
      key: `orphan_position:${root}`,
      root,
      platform,
      believed: believedSide,
      orphan: { side: platformNet > 0 ? 'BUY' : 'SELL', quantity: excess },
      settlements: [],
    });
  }
  return out;
}

/**
 * Which trades keep how much when the platform holds only `kept` of them: the oldest trades are closed
 * first (the platforms net positions first in, first out), the newest keep what remains.
 */
function settle(trades: OpenTrade[], kept: number): TradeSettlement[] {
  let left = kept;
  const keeps = new Map<OpenTrade, number>();
  for (const t of [...trades].reverse()) {
    const keep = Math.min(t.openQuantity, left);
    keeps.set(t, keep);
    left -= keep;
  }
  return trades
    .filter((t) => keeps.get(t)! < t.openQuantity)
    .map((t) => ({
      tradeId: t.tradeId,
      clientOrderId: t.clientOrderId,
      fromQuantity: t.openQuantity,
      openQuantity: keeps.get(t)!,
    }));
}

function believed(trades: OpenTrade[]): BelievedSide {
  return {
    netQuantity: trades.reduce((n, t) => n + sign(t.side) * t.openQuantity, 0),
    trades: trades.map((t) => ({
      tradeId: t.tradeId,
      clientOrderId: t.clientOrderId,
      side: t.side,
      openQuantity: t.openQuantity,
    })),
  };
}

function platformNet(
  held: { net: number; averagePrice: string | null } | undefined,
): Pick<PlatformSide, 'netQuantity' | 'averagePrice'> {
  return { netQuantity: held?.net ?? 0, averagePrice: held?.averagePrice ?? null };
}

function isOrderOf(o: PlatformWorkingOrder, t: OpenTrade): boolean {
  return (
    (o.clientOrderId !== null && o.clientOrderId === t.clientOrderId) ||
    (t.externalOrderId !== null && o.orderId === t.externalOrderId)
  );
}

function isOwn(o: PlatformWorkingOrder, book: RoutedBook): boolean {
  return (
    book.ownOrderIds.has(o.orderId) || (o.clientOrderId !== null && book.ownOrderIds.has(o.clientOrderId))
  );
}

/**
 * A protective leg of PropRouter's open trades on that root: a stop (the entry asked for a stop loss) or a
 * limit (it asked for a take profit) on the closing side, for no more than the trades opened. Platforms do
 * not all report which entry a leg belongs to (ProjectX creates them on the fill), so the shape decides.
 */
function isBracketLeg(o: PlatformWorkingOrder, trades: OpenTrade[]): boolean {
  const net = trades.reduce((n, t) => n + sign(t.side) * t.quantity, 0);
  if (net === 0 || o.side === (net > 0 ? 'BUY' : 'SELL') || o.quantity > Math.abs(net)) return false;
  if (o.type === 'STOP' || o.type === 'STOP_LIMIT') return trades.some((t) => t.stopLoss);
  if (o.type === 'LIMIT') return trades.some((t) => t.takeProfit);
  return false;
}

/** A drift as the store keeps it: one standing row per account and key, until a round no longer sees it. */
export interface StandingDrift {
  key: string;
  root: string;
}

/**
 * Dedupe across rounds: the drifts found now that are not already standing (to record), and the standing ones
 * this round no longer sees (resolved). A standing drift on a root skipped this round stays as it is.
 */
export function compareWithStanding(
  found: readonly Drift[],
  standing: readonly StandingDrift[],
  skippedRoots: readonly string[],
): { fresh: Drift[]; resolvedKeys: string[] } {
  const standingKeys = new Set(standing.map((s) => s.key));
  const foundKeys = new Set(found.map((d) => d.key));
  const skipped = new Set(skippedRoots);
  return {
    fresh: found.filter((d) => !standingKeys.has(d.key)),
    resolvedKeys: standing.filter((s) => !foundKeys.has(s.key) && !skipped.has(s.root)).map((s) => s.key),
  };
}
