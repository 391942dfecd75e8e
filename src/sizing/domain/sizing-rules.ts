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
  UNKNOWN_SYMBOL: 'UNKNOWN_SYMBOL',
  INVALID_INPUT: 'INVALID_INPUT',
  PROGRAM_FIRM_MISMATCH: 'PROGRAM_FIRM_MISMATCH',
  SIZING_ERROR: 'SIZING_ERROR',
} as const;

export type SizingRuleName = (typeof SizingRule)[keyof typeof SizingRule];

/** Seed 13E `SizingResult`, field names as in the seed's JSON. */
export interface SizingDecision {
  firm_code: string;
  program_id: number;
  status: 'APPROVED' | 'REJECTED';
  rule: SizingRuleName | null;
  reason: string | null;
  computed_quantity: number | null;
  details: Record<string, unknown>;
}
