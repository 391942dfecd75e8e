import Decimal from 'decimal.js';
import type { AccountState } from '../account-state';
import { deny, num, RuleOutcome } from '../risk-denial';

export interface DailyLossInput {
  /** `{FIRM}_MAX_DAILY_LOSS`, else the program's max daily loss (a positive amount). */
  limit: Decimal | null;
  /** Already rolled to the current trading day. */
  state: AccountState;
  worstCase: Decimal | null;
  /**
   * Worst cases of the pending entries on a platform state (not yet in its P&L): sent and not yet reported,
   * or approved before this one from the same read. They spend the same room. None when absent.
   */
  pendingLoss?: Decimal;
  programId: number;
}

/** Today's P&L (realized + open) and the room left before −limit (≤ 0: reached). */
export function dailyLossHeadroom(
  limit: Decimal,
  state: AccountState,
): { dailyPnl: Decimal; headroom: Decimal } {
  const dailyPnl = state.realizedPnlToday.plus(state.openPnl);
  return { dailyPnl, headroom: limit.plus(dailyPnl) };
}

/**
 * Rule 7: today's realized + open P&L at or below −limit is a breach; so is an order whose worst
 * case would take it there (worst case ≥ headroom), counting the worst cases of the pending entries
 * (pendingLoss).
 */
export function checkDailyLoss(input: DailyLossInput): RuleOutcome {
  const { limit, state, worstCase } = input;
  if (limit === null) return null;
  const { dailyPnl, headroom } = dailyLossHeadroom(limit, state);
  const pending = input.pendingLoss ?? new Decimal(0);
  const details = {
    limit: num(limit),
    daily_pnl: num(dailyPnl),
    realized_pnl_today: num(state.realizedPnlToday),
    open_pnl: num(state.openPnl),
    headroom: num(headroom),
    worst_case: num(worstCase),
    ...(pending.isZero() ? {} : { pending_worst_case: num(pending) }),
    trading_day: state.tradingDay,
    program_id: input.programId,
  };
  if (headroom.lte(0)) {
    return deny(
      'DAILY_LOSS_LIMIT',
      `Daily loss limit of ${limit.toString()} reached (today: ${dailyPnl.toString()})`,
      details,
    );
  }
  const total = pending.plus(worstCase ?? 0);
  if ((worstCase !== null || !pending.isZero()) && total.gte(headroom)) {
    const pendingText = pending.isZero() ? '' : ` with ${pending.toString()} of pending entries`;
    return deny(
      'DAILY_LOSS_LIMIT',
      `This order's worst case (${worstCase?.toString() ?? 'unknown'})${pendingText} would reach the daily loss limit: ${headroom.toString()} left today`,
      details,
    );
  }
  return null;
}
