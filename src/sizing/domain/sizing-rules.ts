import type { SizingDecision as SeedSizingDecision } from '../../shared-kernel/seed-results';

/** Stable rule names carried by a sizing result: a rejection's cause, or the limit that capped a quantity. */
export const SizingRule = {
  MAX_CONTRACTS: 'MAX_CONTRACTS',
  MIN_CONTRACTS: 'MIN_CONTRACTS',
  MAX_RISK_PERCENT: 'MAX_RISK_PERCENT',
  MISSING_ACCOUNT_SIZE: 'MISSING_ACCOUNT_SIZE',
  MISSING_STOP_DISTANCE: 'MISSING_STOP_DISTANCE',
  ZERO_STOP_DISTANCE: 'ZERO_STOP_DISTANCE',
  MISSING_RISK_PERCENT: 'MISSING_RISK_PERCENT',
  QUANTITY_ZERO: 'QUANTITY_ZERO',
  MISSING_QUANTITY: 'MISSING_QUANTITY',
  UNKNOWN_SYMBOL: 'UNKNOWN_SYMBOL',
  INVALID_INPUT: 'INVALID_INPUT',
  PROGRAM_FIRM_MISMATCH: 'PROGRAM_FIRM_MISMATCH',
  SIZING_ERROR: 'SIZING_ERROR',
} as const;

export type SizingRuleName = (typeof SizingRule)[keyof typeof SizingRule];

/** Seed 13E `SizingResult` (the shared kernel's shape), with the rule narrowed to this context's names. */
export interface SizingDecision extends SeedSizingDecision {
  rule: SizingRuleName | null;
}
