import type Decimal from 'decimal.js';
import type { AccountPhase } from '../../shared-kernel/account-phase';
import type { AccountState } from './account-state';
import type { EconomicEvent } from './economic-event';
import { contractLimitOf } from './contract-scaling';
import type { FirmRiskRules } from './firm-risk-rules';
import type { FlatBySchedule } from './flat-by';
import { OrderIntent, worstCaseLoss, worstCaseOnce } from './order-intent';
import type { PendingExposure } from './pending-exposure';
import { checkStateFreshness } from './rules/account-state-stale.rule';
import type { ProgramLimits } from './program-limits';
import type { RuleOutcome } from './risk-denial';
import type { TradingHalt } from './trading-halt';
import { checkConsistency } from './rules/consistency.rule';
import { checkDailyLoss, dailyLimitOf } from './rules/daily-loss.rule';
import { checkFirmStatus, FirmFacts } from './rules/firm-status.rule';
import { checkFlatBy } from './rules/flat-by.rule';
import { checkMaxLoss } from './rules/max-loss.rule';
import { checkNewsBlackout } from './rules/news-blackout.rule';
import { checkOrderQuantity } from './rules/order-quantity.rule';
import { checkPerTradeLoss } from './rules/per-trade-loss.rule';
import { checkPositionSize, MicroCount } from './rules/position-size.rule';
import { checkRiskPercent } from './rules/risk-percent.rule';
import { checkSupportedSymbol } from './rules/supported-symbol.rule';
import { checkTradingHalt } from './rules/trading-halt.rule';
import { checkTradingWindow } from './rules/trading-window.rule';

/** A targeted program with its account state, rolled to the current trading day (fresh when none). */
export interface ProgramAccount {
  program: ProgramLimits;
  state: AccountState;
  /** Entry contracts sent but not yet reported by the platform (none for a manual state). */
  pending?: PendingExposure;
  /** Worst cases of the pending entries: sent and not yet reported, or approved before this one from the same read (platform states). */
  pendingLoss?: Decimal;
  /**
   * USD per point of the order's contract for this program, as sizing values it (`{FIRM}_{ID}_POINT_VALUE`,
   * else the spec); absent: the input's pointValue.
   */
  pointValue?: Decimal | null;
  /** The open position and the order counted in micros, when the program counts micros 1/N of a mini. */
  micros?: MicroCount | null;
  /** The trading account's phase at its firm; null or absent when unknown (phase-scoped rules then apply). */
  phase?: AccountPhase | null;
}

export interface RiskEvaluationInput {
  order: OrderIntent;
  firm: FirmFacts | null;
  rules: FirmRiskRules;
  /** Uncleared halts (those past their end are ignored by the rule). */
  halts: readonly TradingHalt[];
  /** The contract catalog's root for the symbol; null when it is not a known futures contract. */
  root: string | null;
  pointValue: Decimal | null;
  now: Date;
  accounts: readonly ProgramAccount[];
  /** `SYNC_STALE_MS`: a platform state not confirmed for longer stops entries. */
  staleAfterMs: number;
  /** The firm's flat-by time with its trading day and the exchange calendar; absent or null: none. */
  flatBy?: FlatBySchedule | null;
  /** Economic calendar events around `now` (the news blackout); absent: none known. */
  events?: readonly EconomicEvent[];
}

/**
 * The rules in order; the first denial wins. Exits stop after rule 3. Entries: the trading window, the
 * firm's flat-by time (FLAT_BY), the news blackout, then a stale platform state (ACCOUNT_STATE_STALE), the
 * consistency cap, then rules 5–8 with the per-trade loss limit after the risk percent, each run over every
 * targeted program account, so the denial names the first program that
 * fails. An order's worst case is valued per program (its point value may come from that program's env).
 */
export function evaluateOrder(i: RiskEvaluationInput): RuleOutcome {
  const root = i.root ?? i.order.symbol.trim().toUpperCase();
  return (
    checkFirmStatus(i.order.firmCode, i.firm, i.rules.enabled) ??
    checkTradingHalt(i.order, i.halts, i.now) ??
    checkSupportedSymbol(i.order.symbol, root, i.rules.supportedSymbols) ??
    (i.order.eventType === 'exit' ? null : evaluateEntry(i))
  );
}

function evaluateEntry(i: RiskEvaluationInput): RuleOutcome {
  // each account's worst case valued once per evaluation, for every rule that uses it
  const worstCase = worstCaseOnce(i.order, (a: ProgramAccount) => accountPointValue(i, a));
  return (
    checkTradingWindow(i.rules, i.root !== null, i.now) ??
    checkFlatBy(i.flatBy ?? null, i.now) ??
    newsBlackout(i) ??
    first(i.accounts, (a) =>
      checkStateFreshness({
        state: a.state,
        now: i.now,
        staleAfterMs: i.staleAfterMs,
        programId: a.program.programId,
      }),
    ) ??
    first(i.accounts, (a) =>
      checkConsistency({ program: a.program, state: a.state, phase: a.phase ?? null }),
    ) ??
    positionSize(i) ??
    riskPercent(i, worstCase) ??
    first(i.accounts, (a) => checkPerTradeLoss({ program: a.program, worstCase: worstCase(a) })) ??
    first(i.accounts, (a) =>
      checkDailyLoss({
        limit: dailyLimitOf(i.rules.maxDailyLoss, a.program),
        state: a.state,
        worstCase: worstCase(a),
        pendingLoss: a.pendingLoss,
        programId: a.program.programId,
      }),
    ) ??
    first(i.accounts, (a) =>
      checkMaxLoss({
        program: a.program,
        state: a.state,
        worstCase: worstCase(a),
        pendingLoss: a.pendingLoss,
      }),
    )
  );
}

function newsBlackout(i: RiskEvaluationInput): RuleOutcome {
  return first(i.accounts, (a) =>
    checkNewsBlackout({
      blackout: a.program.news,
      phase: a.phase ?? null,
      now: i.now,
      events: i.events ?? [],
      programId: a.program.programId,
    }),
  );
}

/** The program's own point value for the order's contract when the gate found one, else the spec's. */
export function accountPointValue(
  i: Pick<RiskEvaluationInput, 'pointValue'>,
  a: ProgramAccount,
): Decimal | null {
  return a.pointValue === undefined ? i.pointValue : a.pointValue;
}

function positionSize({ order, rules, accounts }: RiskEvaluationInput): RuleOutcome {
  const firmLimit = rules.maxPositionSize;
  const tooLarge = checkOrderQuantity(order.quantity, firmLimit);
  if (tooLarge) return tooLarge;
  if (accounts.length === 0) {
    return checkPositionSize({ order, firmLimit, programLimit: null, openContracts: 0, programId: null });
  }
  return first(accounts, (a) => {
    const { limit, tier } = contractLimitOf(a.program, a.state);
    const denial = checkPositionSize({
      order,
      firmLimit,
      programLimit: limit,
      openContracts: a.state.openContracts,
      pending: a.pending,
      micros: a.micros,
      programId: a.program.programId,
    });
    // a scaling tier below the program's max: say which tier the day started in
    if (!denial || !tier) return denial;
    const priorEodProfit = a.state.startOfDayBalance.minus(a.program.accountSize).toNumber();
    const scaling_tier = { min_profit: tier.minProfit.toNumber(), max_contracts: tier.maxContracts };
    return { ...denial, details: { ...denial.details, scaling_tier, prior_eod_profit: priorEodProfit } };
  });
}

function riskPercent(i: RiskEvaluationInput, worstCase: (a: ProgramAccount) => Decimal | null): RuleOutcome {
  const { order, rules, accounts } = i;
  if (accounts.length === 0) {
    return checkRiskPercent({
      order,
      limit: rules.maxRiskPercent,
      accountSize: null,
      worstCase: worstCaseLoss(order, i.pointValue),
      programId: null,
    });
  }
  return first(accounts, (a) =>
    checkRiskPercent({
      order,
      limit: rules.maxRiskPercent ?? a.program.maxRiskPercent,
      accountSize: a.program.accountSize,
      worstCase: worstCase(a),
      programId: a.program.programId,
    }),
  );
}

function first(accounts: readonly ProgramAccount[], rule: (a: ProgramAccount) => RuleOutcome): RuleOutcome {
  for (const a of accounts) {
    const outcome = rule(a);
    if (outcome) return outcome;
  }
  return null;
}
