import Decimal from 'decimal.js';
import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';

type OrderSide = 'BUY' | 'SELL';

/** Why an account's reduction answered SUCCESS and its protective orders could not all be resized. */
export const FAIL_PROTECTION_RESIZE = 'PROTECTION_RESIZE_FAILED';

/** One protective leg to change: to `quantity` contracts, or cancelled when `quantity` is 0. */
export interface LegResize {
  order: PlatformWorkingOrder;
  quantity: number;
}

/**
 * After a partial reduction, what each protective working order of the contract must become so that none can
 * take the account past flat. Protective legs are the working orders on the closing side (the other way from
 * `heldSide`): limits are targets, everything else (stops, stop-limits, trailing stops) counts as a stop.
 * Stops together, and targets together, may cover at most `remaining` contracts (a bracket's stop and target
 * cancel each other; two stops do not): within each family the leg the market reaches first keeps its size
 * first (for a long, the highest stop and the lowest target), the others get what is left of `remaining`, and
 * a leg left with nothing is cancelled. Legs already within their share are not touched; orders on the held
 * side (a resting entry) are never protective. `remaining` 0 (the position is gone) cancels every leg.
 */
export function planProtectionResize(
  heldSide: OrderSide,
  remaining: number,
  workingOrders: readonly PlatformWorkingOrder[],
): LegResize[] {
  const closing: OrderSide = heldSide === 'BUY' ? 'SELL' : 'BUY';
  const legs = workingOrders.filter((o) => o.side === closing && o.quantity > 0);
  const targets = legs.filter((o) => o.type === 'LIMIT');
  const stops = legs.filter((o) => o.type !== 'LIMIT');
  return [
    ...shareOut(stops, remaining, heldSide, 'stop'),
    ...shareOut(targets, remaining, heldSide, 'target'),
  ];
}

/** The legs of one family over `budget` contracts, nearest the market first; only those that change. */
function shareOut(
  legs: PlatformWorkingOrder[],
  budget: number,
  heldSide: OrderSide,
  family: 'stop' | 'target',
): LegResize[] {
  let left = Math.max(0, budget);
  const changes: LegResize[] = [];
  for (const order of [...legs].sort(reachedFirst(heldSide, family))) {
    const quantity = Math.min(order.quantity, left);
    left -= quantity;
    if (quantity !== order.quantity) changes.push({ order, quantity });
  }
  return changes;
}

/**
 * Orders legs by how soon the market reaches them: a long's stops from the highest, its targets from the
 * lowest; the other way round for a short. A leg without a price comes last; ties keep the platform's order.
 */
function reachedFirst(
  heldSide: OrderSide,
  family: 'stop' | 'target',
): (a: PlatformWorkingOrder, b: PlatformWorkingOrder) => number {
  const highFirst = (heldSide === 'BUY') === (family === 'stop');
  return (a, b) => {
    const pa = levelOf(a, family);
    const pb = levelOf(b, family);
    if (pa === null || pb === null) return pa === pb ? 0 : pa === null ? 1 : -1;
    return highFirst ? pb.comparedTo(pa) : pa.comparedTo(pb);
  };
}

function levelOf(o: PlatformWorkingOrder, family: 'stop' | 'target'): Decimal | null {
  const text = family === 'stop' ? (o.stopPrice ?? o.limitPrice) : o.limitPrice;
  return text === null ? null : new Decimal(text);
}

/** The contracts left after a partial reduction, from the platform's position read after it when there is one. */
export function remainingAfterReduce(
  heldSide: OrderSide,
  heldBefore: number,
  reduced: number,
  netAfter: number | null,
): number {
  const expected = Math.max(0, heldBefore - reduced);
  if (netAfter === null) return expected;
  const held = heldSide === 'BUY' ? netAfter : -netAfter;
  // a read that still shows the fill pending counts what was sent; one that shows less (a stop filled) wins
  return Math.max(0, Math.min(expected, held));
}

/** A leg in words for the result: "SELL STOP 3 → 2 at 17990". */
export function describeLeg(order: PlatformWorkingOrder, quantity: number): string {
  const level = order.type === 'LIMIT' ? order.limitPrice : (order.stopPrice ?? order.limitPrice);
  const to = quantity === 0 ? 'cancelled' : `→ ${quantity}`;
  return `${order.side} ${order.type} ${order.quantity} ${to}${level ? ` at ${level}` : ''} (order ${order.orderId})`;
}
