import Decimal from 'decimal.js';
import type { AccountState } from '../account-state';
import type { ProgramLimits } from '../program-limits';
import { deny, num, RuleOutcome } from '../risk-denial';

/** A daily loss limit: a fixed amount, or a fraction of the prior end-of-day balance (Top One: 2.5 %). */
export type DailyLossLimit = Decimal | { fractionOfPriorEod: Decimal };

/**
 * The limit the gate uses: `{FIRM}_MAX_DAILY_LOSS` (the operator's, an amount) when set, else the program's
 * percentage of the prior end-of-day balance, else its fixed amount; null without any.
 */
export function dailyLimitOf(firmLimit: Decimal | null, program: ProgramLimits): DailyLossLimit | null {
  if (firmLimit !== null) return firmLimit;
  if (program.dailyLossFraction) return { fractionOfPriorEod: program.dailyLossFraction };
  return program.maxDailyLoss;
}

/**
 * The limit as an amount on this state's day: a percentage applies to the balance the day started with (the
 * prior day's end-of-day balance), exactly (2.5 % of 50,123.45 is 1,253.08625, not rounded).
 */
export function dailyLimitAmount(limit: DailyLossLimit, state: AccountState): Decimal {
  return Decimal.isDecimal(limit) ? limit : state.startOfDayBalance.times(limit.fractionOfPriorEod);
}

const ZERO = new Decimal(0);

/** Pending worst cases plus this order's (unknown: none). */
function total(pending: Decimal, worstCase: Decimal | null): Decimal {
  if (worstCase === null) return pending;
  return pending.isZero() ? worstCase : pending.plus(worstCase);
}

export interface DailyLossInput {
  /** `{FIRM}_MAX_DAILY_LOSS`, else the program's max daily loss (dailyLimitOf). */
  limit: DailyLossLimit | null;
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

/** Today's P&L (realized + open), the limit as an amount, and the room left before −limit (≤ 0: reached). */
export function dailyLossHeadroom(
  limit: DailyLossLimit,
  state: AccountState,
): { dailyPnl: Decimal; amount: Decimal; headroom: Decimal } {
  const dailyPnl = state.realizedPnlToday.plus(state.openPnl);
  const amount = dailyLimitAmount(limit, state);
  return { dailyPnl, amount, headroom: amount.plus(dailyPnl) };
}

/**
 * Rule 7: today's realized + open P&L at or below −limit is a breach; so is an order whose worst
 * case would take it there (worst case ≥ headroom), counting the worst cases of the pending entries
 * (pendingLoss).
 */
export function checkDailyLoss(input: DailyLossInput): RuleOutcome {
  const { limit, state, worstCase } = input;
  if (limit === null) return null;
  const { dailyPnl, amount, headroom } = dailyLossHeadroom(limit, state);
  const pending = input.pendingLoss ?? ZERO;
  // the numbers it used, built only for a denial: a passing check (nearly every one) needs none of them
  const details = () => ({
    limit: num(amount),
    ...(Decimal.isDecimal(limit)
      ? {}
      : {
          limit_percent_of_prior_eod: num(limit.fractionOfPriorEod.times(100)),
          prior_eod_balance: num(state.startOfDayBalance),
        }),
    daily_pnl: num(dailyPnl),
    realized_pnl_today: num(state.realizedPnlToday),
    open_pnl: num(state.openPnl),
    headroom: num(headroom),
    worst_case: num(worstCase),
    ...(pending.isZero() ? {} : { pending_worst_case: num(pending) }),
    trading_day: state.tradingDay,
    program_id: input.programId,
  });
  if (headroom.lte(0)) {
    return deny(
      'DAILY_LOSS_LIMIT',
      `Daily loss limit of ${amount.toString()} reached (today: ${dailyPnl.toString()})`,
      details(),
    );
  }
  if ((worstCase !== null || !pending.isZero()) && total(pending, worstCase).gte(headroom)) {
    const pendingText = pending.isZero() ? '' : ` with ${pending.toString()} of pending entries`;
    return deny(
      'DAILY_LOSS_LIMIT',
      `This order's worst case (${worstCase?.toString() ?? 'unknown'})${pendingText} would reach the daily loss limit: ${headroom.toString()} left today`,
      details(),
    );
  }
  return null;
}
