import Decimal from 'decimal.js';
import type { AccountPhase } from '../../../shared-kernel/account-phase';
import type { AccountState } from '../account-state';
import type { ConsistencyLimit, ProgramLimits } from '../program-limits';
import { deny, num, RuleOutcome } from '../risk-denial';

export interface ConsistencyInput {
  program: ProgramLimits;
  /** Already rolled to the current trading day. */
  state: AccountState;
  /** Null when unknown (a firm-level state): the rule then applies. */
  phase: AccountPhase | null;
}

/**
 * Today's cap. `profit_target` basis (FundedNext Legacy): f × target. `total_profit` basis: today's profit t must
 * not make today the day that breaks "best day ≤ f × total profit" when the account passes, so the cap is the
 * larger of
 * - f × target: the account passes with a total of at least the target, so t ≤ f × target keeps t ≤ f × total;
 * - f × P / (1 − f), P the profit before today (start-of-day balance − account size): then t ≤ f × (P + t), the
 *   rule already holds with today counted (it grows as the account's profit does).
 * Null without a target (the registry requires one for this rule).
 */
export function consistencyCap(limit: ConsistencyLimit, program: ProgramLimits, state: AccountState) {
  const target = program.profitTarget ?? null;
  const f = limit.maxDayFraction;
  if (limit.basis === 'profit_target') return target === null ? null : target.times(f);
  const before = state.startOfDayBalance.minus(program.accountSize);
  const sofar = Decimal.max(0, before.times(f).div(new Decimal(1).minus(f)));
  return target === null ? sofar : Decimal.max(target.times(f), sofar);
}

/**
 * CONSISTENCY (entries): once today's profit (realized + open, as the daily loss counts it) reaches the cap, no
 * new entry today: the firm would count the day against its consistency rule (more days to pass at most firms).
 */
export function checkConsistency({ program, state, phase }: ConsistencyInput): RuleOutcome {
  const limit = program.consistency;
  if (!limit || (phase !== null && !limit.appliesTo.includes(phase))) return null;
  const cap = consistencyCap(limit, program, state);
  if (cap === null) return null;
  const today = state.realizedPnlToday.plus(state.openPnl);
  if (today.lt(cap)) return null;
  const percent = limit.maxDayFraction.times(100).toString();
  return deny(
    'CONSISTENCY',
    `Today's profit (${today.toString()}) has reached the consistency cap of ${cap.toString()} (no day above ${percent} % of the ${limit.basis === 'profit_target' ? 'profit target' : 'total profit'})`,
    {
      today_profit: num(today),
      cap: num(cap),
      max_day_percent: num(limit.maxDayFraction.times(100)),
      basis: limit.basis,
      profit_before_today: num(state.startOfDayBalance.minus(program.accountSize)),
      profit_target: num(program.profitTarget ?? null),
      phase,
      program_id: program.programId,
    },
  );
}
