import type { PositionAction, Side } from './signal';

type OrderSide = 'BUY' | 'SELL';

/** Why an account's part of a position-aware alert does nothing (its connector result is SKIPPED with it). */
export const SKIP_NO_POSITION = 'NO_POSITION';
export const SKIP_ALREADY_FLAT = 'ALREADY_FLAT';
export const SKIP_NO_WORKING_ORDERS = 'NO_WORKING_ORDERS';
export const SKIP_POSITION_IS_LONG = 'POSITION_IS_LONG';
export const SKIP_POSITION_IS_SHORT = 'POSITION_IS_SHORT';
/** A reversal whose closing order did not succeed: the opposite entry is not sent (never both open). */
export const FAIL_REVERSAL_CLOSE = 'REVERSAL_CLOSE_FAILED';
/** The platform could not be read, so what to close or cancel is unknown. */
export const FAIL_POSITION_UNREADABLE = 'POSITION_UNREADABLE';

/** The order that takes (part of) a held position off: `heldSide` is the side that opened it. */
export interface PositionOrder {
  kind: 'close' | 'reduce';
  heldSide: OrderSide;
  quantity: number;
}

/** What a close, reduce or cancel alert does in one account, from its position and working orders in the symbol. */
export interface SymbolExitPlan {
  /** Cancel the symbol's working orders (before the order below). */
  cancelWorking: boolean;
  order: PositionOrder | null;
  /** Set when the account does nothing. */
  skip: string | null;
}

const heldSideOf = (net: number): OrderSide => (net > 0 ? 'BUY' : 'SELL');
const otherSide = (net: number): string => (net > 0 ? SKIP_POSITION_IS_LONG : SKIP_POSITION_IS_SHORT);

/**
 * `close`: cancel the working orders and close the whole position (flat and nothing working: ALREADY_FLAT).
 * `cancel`: cancel the working orders only. `reduce` (buy + short, sell + long): the position held the other
 * way from `side` is reduced by `quantity` (all of it without one, or with one at least as large, which is a
 * close and cancels the working orders too); a position held the same way as `side` is not the one the alert
 * reduces: POSITION_IS_LONG / _SHORT.
 */
export function planSymbolExit(
  action: Extract<PositionAction, 'close' | 'reduce' | 'cancel'>,
  side: Side | null,
  quantity: number | null,
  net: number,
  workingOrders: number,
): SymbolExitPlan {
  const nothing = (skip: string): SymbolExitPlan => ({ cancelWorking: false, order: null, skip });
  const close: PositionOrder | null =
    net === 0 ? null : { kind: 'close', heldSide: heldSideOf(net), quantity: Math.abs(net) };
  switch (action) {
    case 'cancel':
      return workingOrders > 0
        ? { cancelWorking: true, order: null, skip: null }
        : nothing(SKIP_NO_WORKING_ORDERS);
    case 'close':
      return close || workingOrders > 0
        ? { cancelWorking: workingOrders > 0, order: close, skip: null }
        : nothing(SKIP_ALREADY_FLAT);
    case 'reduce': {
      if (net === 0) return nothing(SKIP_NO_POSITION);
      if ((side === 'buy') === net > 0) return nothing(otherSide(net));
      if (quantity === null || quantity >= Math.abs(net))
        return { cancelWorking: workingOrders > 0, order: close, skip: null };
      return {
        cancelWorking: false,
        order: { kind: 'reduce', heldSide: heldSideOf(net), quantity },
        skip: null,
      };
    }
  }
}

/** What an entry (`open`, `add`) does first in one account, from the position the router knows there. */
export interface EntryPositionPlan {
  /** The entry's side here: the alert's, or (`add` without one) the position's. */
  side: Side | null;
  /** `open` against an opposite position: close it first (a reversal). */
  reverse: { heldSide: OrderSide; quantity: number } | null;
  skip: string | null;
}

/**
 * `open`: an entry in `side`; an opposite position is closed first (a reversal), one the same way is added to.
 * `add`: an entry in the direction held (or `side`, which must be it); flat: NO_POSITION.
 */
export function planEntryPosition(action: 'open' | 'add', side: Side | null, net: number): EntryPositionPlan {
  const held: Side | null = net > 0 ? 'buy' : net < 0 ? 'sell' : null;
  if (action === 'add') {
    if (held === null) return { side, reverse: null, skip: SKIP_NO_POSITION };
    if (side !== null && side !== held) return { side, reverse: null, skip: otherSide(net) };
    return { side: held, reverse: null, skip: null };
  }
  const reverse = held !== null && side !== null && held !== side;
  return {
    side,
    reverse: reverse ? { heldSide: heldSideOf(net), quantity: Math.abs(net) } : null,
    skip: null,
  };
}
