import type Decimal from 'decimal.js';

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
}
