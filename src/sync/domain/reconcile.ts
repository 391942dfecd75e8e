import type { PlatformPosition, PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import type { BelievedSide, Drift, OpenTrade, Reconciliation, RoutedBook, TradeSettlement } from './drift';
import { isBracketLeg, isOrderOf, isOwn, netOf } from './working-orders';

interface Held {
  symbol: string;
  net: number;
  averagePrice: string | null;
}

/**
 * Reconciliation (issue 14): what the platform shows for one account against what PropRouter routed there.
 *  - `orphan_position`: a position (or the part of one) that no routed trade opened: by hand, another tool;
 *  - `trade_flat`: a routed trade the platform shows flat, or smaller (its stop or target filled): PropRouter's
 *    record must follow, so that a later exit neither closes a position that is gone nor too much of one;
 *  - `foreign_order`: a working order PropRouter did not place (nor a bracket leg of one of its trades).
 * Symbols are compared by root (`NQZ5` at Tradovate, `NQ` as routed): the caller gives the `rootOf` to use.
 */
export function reconcile(
  positions: readonly PlatformPosition[],
  workingOrders: readonly PlatformWorkingOrder[],
  book: RoutedBook,
  rootOf: (symbol: string) => string,
): Reconciliation {
  const held = heldByRoot(positions, rootOf);
  const trades = groupBy(
    book.trades.filter((t) => t.openQuantity > 0),
    (t) => rootOf(t.symbol),
  );
  // A trade whose entry still works at the platform (a limit not yet filled) is not judged either.
  const unsettled = new Set(book.unsettledRoots);
  for (const [root, list] of trades)
    if (list.some((t) => workingOrders.some((o) => isOrderOf(o, t)))) unsettled.add(root);
  const drifts: Drift[] = [];
  for (const root of new Set([...held.keys(), ...trades.keys()]))
    if (!unsettled.has(root)) drifts.push(...positionDrifts(root, held.get(root), trades.get(root) ?? []));
  for (const order of workingOrders) {
    const root = rootOf(order.symbol);
    const rootTrades = trades.get(root) ?? [];
    if (unsettled.has(root) || isOwn(order, book.ownOrderIds) || isBracketLeg(order, rootTrades)) continue;
    const h = held.get(root);
    drifts.push({
      kind: 'foreign_order',
      key: `foreign_order:${root}:${order.orderId}`,
      root,
      platform: {
        symbol: order.symbol,
        netQuantity: h?.net ?? 0,
        averagePrice: h?.averagePrice ?? null,
        order,
      },
      believed: believed(rootTrades),
      orphan: null,
      settlements: [],
    });
  }
  return { drifts, skippedRoots: [...unsettled].sort() };
}

/** Net position per root (two months of one root are one position here). */
function heldByRoot(
  positions: readonly PlatformPosition[],
  rootOf: (s: string) => string,
): Map<string, Held> {
  const held = new Map<string, Held>();
  for (const p of positions) {
    const root = rootOf(p.symbol);
    const h = held.get(root) ?? { symbol: p.symbol, net: 0, averagePrice: p.averagePrice };
    h.net += p.netQuantity;
    held.set(root, h);
  }
  return held;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

function positionDrifts(root: string, held: Held | undefined, trades: OpenTrade[]): Drift[] {
  const platformNet = held?.net ?? 0;
  const routedNet = netOf(trades, (t) => t.openQuantity);
  if (platformNet === routedNet) return [];
  const common = {
    root,
    platform: {
      symbol: held?.symbol ?? trades[0].symbol,
      netQuantity: platformNet,
      averagePrice: held?.averagePrice ?? null,
      order: null,
    },
    believed: believed(trades),
  };
  // What of the routed side the platform still holds: the same direction, up to the routed size.
  const sameDirection = Math.sign(platformNet) === Math.sign(routedNet);
  const kept = sameDirection ? Math.min(Math.abs(platformNet), Math.abs(routedNet)) : 0;
  const excess = Math.abs(platformNet) - kept;
  const out: Drift[] = [];
  if (routedNet !== 0 && kept < Math.abs(routedNet))
    out.push({
      ...common,
      kind: 'trade_flat',
      key: `trade_flat:${root}`,
      orphan: null,
      settlements: settle(trades, kept),
    });
  if (excess > 0)
    out.push({
      ...common,
      kind: 'orphan_position',
      key: `orphan_position:${root}`,
      orphan: { side: platformNet > 0 ? 'BUY' : 'SELL', quantity: excess },
      settlements: [],
    });
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
    netQuantity: netOf(trades, (t) => t.openQuantity),
    trades: trades.map((t) => ({
      tradeId: t.tradeId,
      clientOrderId: t.clientOrderId,
      side: t.side,
      openQuantity: t.openQuantity,
    })),
  };
}
