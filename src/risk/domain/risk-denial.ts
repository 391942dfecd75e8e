import type Decimal from 'decimal.js';

/** Why a rule refuses an order: a value, never an exception. `details` carries plain JSON numbers. */
export interface RiskDenial {
  rule: string;
  reason: string;
  details: Record<string, unknown>;
}

export type RuleOutcome = RiskDenial | null;

export function deny(rule: string, reason: string, details: Record<string, unknown>): RiskDenial {
  return { rule, reason, details };
}

/** Decimal → JSON number for `details`; null stays null. */
export function num(value: Decimal | null | undefined): number | null {
  return value == null ? null : value.toNumber();
}
