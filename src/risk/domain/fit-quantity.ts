import type Decimal from 'decimal.js';

/**
 * Room an order's stop-out may spend under one rule: how much is left and whether the stop-out may reach it
 * exactly. The per-trade and risk-percent limits may be reached (`≤`); the daily loss limit and the drawdown
 * floor may not (`<`: reaching them is a breach).
 */
export interface LossRoom {
  rule: string;
  room: Decimal;
  reachAllowed: boolean;
}

/** Room in whole contracts of the order's own kind (a micro order's room counted in micros). */
export interface ContractRoom {
  rule: string;
  room: number;
}

export interface FitInput {
  /** The quantity asked for: never raised. */
  requested: number;
  /** The stop-out of one contract: |entry − stop| × point value. */
  perContract: Decimal;
  /** In rule order: on a tie, the first names the cap. */
  contractRooms: readonly ContractRoom[];
  lossRooms: readonly LossRoom[];
}

export interface Fit {
  /** The largest whole quantity ≤ requested that fits every room (0 when none does). */
  quantity: number;
  /** The rule whose room set `quantity` below the request; null when the request fits. */
  cappedBy: string | null;
}

/**
 * The largest whole quantity q ≥ 0 whose stop-out q × perContract stays within the room (Infinity when a
 * contract risks nothing and the room is open), in exact decimal: with 750 left at 250 a contract, 3 fit
 * where reaching is allowed and 2 where it is not.
 */
export function largestWithin(perContract: Decimal, room: LossRoom): number {
  const open = room.reachAllowed ? room.room.gte(0) : room.room.gt(0);
  if (!open) return 0;
  if (perContract.lte(0)) return Infinity;
  const whole = room.room.divToInt(perContract);
  const atRoom = whole.times(perContract).eq(room.room);
  return (atRoom && !room.reachAllowed ? whole.minus(1) : whole).toNumber();
}

/** Size to fit (issue 16): the largest quantity up to the request that every room allows, and what capped it. */
export function fitQuantity(input: FitInput): Fit {
  let quantity = input.requested;
  let cappedBy: string | null = null;
  const cap = (rule: string, allowed: number) => {
    const whole = Math.max(0, Math.floor(allowed));
    if (whole < quantity) {
      quantity = whole;
      cappedBy = rule;
    }
  };
  for (const c of input.contractRooms) cap(c.rule, c.room);
  for (const l of input.lossRooms) cap(l.rule, largestWithin(input.perContract, l));
  return { quantity, cappedBy };
}
