import Decimal from 'decimal.js';

export type LimitKind = 'daily_loss' | 'drawdown';

/** How much of a limit is used, exactly: `used` and `limit` in money, `thresholdPercent` like 80. */
export interface LimitUse {
  kind: LimitKind;
  used: Decimal;
  limit: Decimal;
}

/**
 * A limit is approaching when the used part reaches the threshold (at counts). Gives the percent used
 * (2 places, rounded down, never overstating) and the room left, or null below the threshold.
 */
export function limitApproaching(
  use: LimitUse,
  thresholdPercent: Decimal,
): { usedPercent: Decimal; roomLeft: Decimal } | null {
  if (use.limit.lte(0)) return null;
  const used = Decimal.max(use.used, 0);
  const percent = used.mul(100).div(use.limit);
  if (percent.lt(thresholdPercent)) return null;
  return {
    usedPercent: percent.toDecimalPlaces(2, Decimal.ROUND_DOWN),
    roomLeft: Decimal.max(use.limit.minus(used), 0),
  };
}

/** The outbox key that makes the warning once per account, limit and trading day. */
export function limitAlertKey(accountId: number, kind: LimitKind, tradingDay: string): string {
  return `limit:${accountId}:${kind}:${tradingDay}`;
}
