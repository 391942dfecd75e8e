import type { AccountPhase } from '../../../shared-kernel/account-phase';

/** Read side of the registry, for the other contexts. Numbers are JS numbers (NUMERIC mapped once). */
export interface FirmRecord {
  id: number;
  code: string;
  name: string;
  status: string; // 'active' | anything else = inactive
  /** From firm meta `trading_day`: when its trading day resets (HH:MM in an IANA zone); null when not stated. */
  tradingDay: { reset: string; timeZone: string } | null;
  /**
   * From firm meta `flat_by`: when every position must be closed (HH:MM in an IANA zone) and whether a CME
   * early close moves it earlier; null when the firm states none.
   */
  flatBy: { time: string; timeZone: string; earlyClose: 'exchange_close' | 'none' } | null;
  meta: Record<string, unknown>;
}

/** The typed rules of program meta `rules` (issue 16); each part null when the registry does not state it. */
export interface ProgramRuleSet {
  drawdown: {
    kind: 'static' | 'eod_trailing' | 'intraday_trailing';
    amount: number;
    lock: { kind: 'none' | 'at_start' | 'at_start_plus'; amount: number | null };
  } | null;
  dailyLoss: {
    basis: 'amount' | 'percent_of_prior_eod';
    amount: number | null;
    /** Fraction of the prior end-of-day balance (0.025 = 2.5 %). */
    fraction: number | null;
    enforcement: 'hard' | 'soft' | null;
  } | null;
  perTradeLoss: {
    basis: 'amount' | 'percent_of_account';
    amount: number | null;
    fraction: number | null;
  } | null;
  /** 1 mini = N micros against the contract limit; null: micros count one for one. */
  microRatio: number | null;
  /** Best day ≤ a share of the profit (see the registry's ConsistencyRule); null: none stated. */
  consistency: {
    appliesTo: AccountPhase[];
    maxDayFraction: number;
    basis: 'total_profit' | 'profit_target';
    action: 'reject_entries' | 'payout_only';
  } | null;
  /** No entries within a window around economic events of this impact; null: news trading allowed. */
  news: {
    appliesTo: AccountPhase[];
    minutesBefore: number;
    minutesAfter: number;
    impact: 'high' | 'medium';
    /** Null: every imported event counts. */
    currencies: string[] | null;
  } | null;
  /** Contract limit tiers by prior end-of-day balance (`min_profit` over the account size), ascending; null: none. */
  scaling: ScalingTier[] | null;
}

/** One rung of a contract ladder: from `min_profit` (account profit, e.g. end-of-day) up, `max_contracts`. */
export interface ScalingTier {
  min_profit: number;
  max_contracts: number;
}

export type DrawdownType =
  | 'static'
  | 'eod_trailing'
  | 'intraday_trailing'
  | 'eod_trailing_until_lock'
  | 'intraday_trailing_until_lock';

/** A program whose meta states no typed rules. */
export const NO_RULE_SET: ProgramRuleSet = Object.freeze({
  drawdown: null,
  dailyLoss: null,
  perTradeLoss: null,
  microRatio: null,
  consistency: null,
  news: null,
  scaling: null,
});

export interface ProgramRecord {
  id: number;
  firmId: number;
  firmCode: string;
  name: string;
  accountSize: number;
  currency: string;
  maxDailyLoss: number | null;
  maxTotalLoss: number | null;
  profitTarget: number | null;
  /** The least number of trading days before an evaluation passes (column `min_trading_days`); absent: unknown. */
  minTradingDays?: number | null;
  /** From program meta `drawdown_type`; null when the registry does not say. */
  drawdownType: DrawdownType | null;
  /** From program meta `max_contracts`. */
  maxContracts: number | null;
  /** From program meta `max_risk_percent` (fraction, 0.01 = 1 %). */
  maxRiskPercent: number | null;
  /** From program meta `scaling_ladder`, ascending by min_profit; empty when none. */
  scalingLadder: ScalingTier[];
  /** From program meta `rules`. */
  rules: ProgramRuleSet;
  meta: Record<string, unknown>;
}

export abstract class ProgramCatalog {
  abstract findFirmByCode(code: string): Promise<FirmRecord | null>;
  /** Firms with status 'active'. */
  abstract listActiveFirms(): Promise<FirmRecord[]>;
  /** Unknown id → null, never a throw (seed `_get_program_by_id_safe`). */
  abstract findProgram(id: number): Promise<ProgramRecord | null>;
  abstract findPrograms(ids: number[]): Promise<Map<number, ProgramRecord>>;
  /** Every program of the registry, by id (the simulator's "all" and "a firm's programs"). */
  abstract listPrograms(): Promise<ProgramRecord[]>;
}
