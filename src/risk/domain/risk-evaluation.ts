import type Decimal from 'decimal.js';
import type { AccountState } from './account-state';
import type { FirmRiskRules } from './firm-risk-rules';
import { OrderIntent, worstCaseLoss } from './order-intent';
import type { PendingExposure } from './pending-exposure';
import { checkStateFreshness } from './rules/account-state-stale.rule';
import type { ProgramLimits } from './program-limits';
import type { RuleOutcome } from './risk-denial';
import type { TradingHalt } from './trading-halt';
import { checkDailyLoss } from './rules/daily-loss.rule';
import { checkFirmStatus, FirmFacts } from './rules/firm-status.rule';
import { checkMaxLoss } from './rules/max-loss.rule';
import { checkOrderQuantity } from './rules/order-quantity.rule';
import { checkPositionSize } from './rules/position-size.rule';
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
}

export interface RiskEvaluationInput {
  order: OrderIntent;
  firm: FirmFacts | null;
  rules: FirmRiskRules;
  /** Active halts only. */
  halts: readonly TradingHalt[];
  /** The contract catalog's root for the symbol; null when it is not a known futures contract. */
  root: string | null;
  pointValue: Decimal | null;
  now: Date;
  accounts: readonly ProgramAccount[];
  /** `SYNC_STALE_MS`: a platform state not confirmed for longer stops entries. */
  staleAfterMs: number;
}

/**
 * The eight rules in order; the first denial wins. Exits stop after rule 3. Entries: the trading window,
 * then a stale platform state (ACCOUNT_STATE_STALE), then rules 5–8, each run over every targeted program
 * account, so the denial names the first program that fails.
 */
export function evaluateOrder(i: RiskEvaluationInput): RuleOutcome {
  const root = i.root ?? i.order.symbol.trim().toUpperCase();
  return (
    checkFirmStatus(i.order.firmCode, i.firm, i.rules.enabled) ??
    checkTradingHalt(i.order, i.halts) ??
    checkSupportedSymbol(i.order.symbol, root, i.rules.supportedSymbols) ??
    (i.order.eventType === 'exit' ? null : evaluateEntry(i))
  );
}

function evaluateEntry(i: RiskEvaluationInput): RuleOutcome {
  const worstCase = worstCaseLoss(i.order, i.pointValue);
  return (
    checkTradingWindow(i.rules, i.root !== null, i.now) ??
    first(i.accounts, (a) =>
      checkStateFreshness({
        state: a.state,
        now: i.now,
        staleAfterMs: i.staleAfterMs,
        programId: a.program.programId,
      }),
    ) ??
    positionSize(i) ??
    riskPercent(i, worstCase) ??
    first(i.accounts, (a) =>
      checkDailyLoss({
        limit: i.rules.maxDailyLoss ?? a.program.maxDailyLoss,
        state: a.state,
        worstCase,
        pendingLoss: a.pendingLoss,
        programId: a.program.programId,
      }),
    ) ??
    first(i.accounts, (a) =>
      checkMaxLoss({ program: a.program, state: a.state, worstCase, pendingLoss: a.pendingLoss }),
    )
  );
}

function positionSize({ order, rules, accounts }: RiskEvaluationInput): RuleOutcome {
  const firmLimit = rules.maxPositionSize;
  const tooLarge = checkOrderQuantity(order.quantity, firmLimit);
  if (tooLarge) return tooLarge;
  if (accounts.length === 0) {
    return checkPositionSize({ order, firmLimit, programLimit: null, openContracts: 0, programId: null });
  }
  return first(accounts, (a) =>
    checkPositionSize({
      order,
      firmLimit,
      programLimit: a.program.maxContracts,
      openContracts: a.state.openContracts,
      pending: a.pending,
      programId: a.program.programId,
    }),
  );
}

function riskPercent(
  { order, rules, accounts }: RiskEvaluationInput,
  worstCase: Decimal | null,
): RuleOutcome {
  if (accounts.length === 0) {
    return checkRiskPercent({
      order,
      limit: rules.maxRiskPercent,
      accountSize: null,
      worstCase,
      programId: null,
    });
  }
  return first(accounts, (a) =>
    checkRiskPercent({
      order,
      limit: rules.maxRiskPercent ?? a.program.maxRiskPercent,
      accountSize: a.program.accountSize,
      worstCase,
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
