import type Decimal from 'decimal.js';
import type { AccountPhase } from '../../shared-kernel/account-phase';

export type DrawdownKind =
  | 'static'
  | 'eod_trailing'
  | 'intraday_trailing'
  | 'eod_trailing_until_lock'
  | 'intraday_trailing_until_lock';

/** The registry's rules of one program, as the risk rules need them. */
export interface ProgramLimits {
  programId: number;
  firmCode: string;
  accountSize: Decimal;
  maxDailyLoss: Decimal | null;
  maxTotalLoss: Decimal | null;
  /** Null when the registry does not say: the rules then use `static`. */
  drawdownType: DrawdownKind | null;
  maxContracts: number | null;
  /** Fraction: 0.01 = 1 %. */
  maxRiskPercent: Decimal | null;
  /**
   * A trailing floor stops at the starting balance + this amount (0: at the start; Apex 4.0: 100); null or
   * absent: `*_until_lock` types lock at the start, the others never.
   */
  drawdownLock?: Decimal | null;
  /** Daily loss as a fraction of the prior end-of-day balance (Top One 0.025); wins over maxDailyLoss. */
  dailyLossFraction?: Decimal | null;
  /** The most one trade may lose (its stop-out); absent: no per-trade limit. */
  perTradeLoss?: PerTradeLimit | null;
  /** 1 mini = N micros against maxContracts; absent: micros count one for one. */
  microRatio?: number | null;
  /** The program's profit target (what a consistency cap is sized against); absent: none. */
  profitTarget?: Decimal | null;
  /** The consistency rule PropRouter enforces (`reject_entries`); absent: none. */
  consistency?: ConsistencyLimit | null;
  /** The firm's news blackout; absent: news trading allowed. */
  news?: NewsBlackout | null;
  /** Contract limit tiers by prior end-of-day balance over the account size, ascending (contractLimitOf); absent: none. */
  contractScaling?: readonly ContractTier[] | null;
}

/** From `minProfit` of prior end-of-day balance over the account size up, at most `maxContracts` minis. */
export interface ContractTier {
  minProfit: Decimal;
  maxContracts: number;
}

/** A per-trade loss limit: an amount, or a fraction of the account size. */
export type PerTradeLimit = { amount: Decimal } | { fractionOfAccount: Decimal };

/** A program's consistency rule that PropRouter enforces before the trade (action `reject_entries`). */
export interface ConsistencyLimit {
  appliesTo: readonly AccountPhase[];
  /** 0.4 = no day may hold more than 40 % of the profit. */
  maxDayFraction: Decimal;
  basis: 'total_profit' | 'profit_target';
}

/** A program's news blackout (Alpha qualified, MFFU funded): no entries within a window around an event. */
export interface NewsBlackout {
  appliesTo: readonly AccountPhase[];
  minutesBefore: number;
  minutesAfter: number;
  /** The least impact that blacks out. */
  impact: 'high' | 'medium';
  /** Null: an event of any currency counts. */
  currencies: readonly string[] | null;
}
