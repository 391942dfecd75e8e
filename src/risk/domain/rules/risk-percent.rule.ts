import type Decimal from 'decimal.js';
import type { OrderIntent } from '../order-intent';
import { deny, num, RuleOutcome } from '../risk-denial';

export interface RiskPercentInput {
  order: OrderIntent;
  /** `{FIRM}_MAX_RISK_PERCENT`, else the program's max risk percent (fractions). */
  limit: Decimal | null;
  accountSize: Decimal | null;
  worstCase: Decimal | null;
  programId: number | null;
}

/**
 * Rule 6: neither the declared risk percent nor the order's worst case as a share of the account
 * size may exceed the limit (reaching it is allowed).
 */
export function checkRiskPercent(input: RiskPercentInput): RuleOutcome {
  const { order, limit, accountSize, worstCase } = input;
  if (limit === null) return null;
  const computed =
    worstCase !== null && accountSize !== null && accountSize.gt(0) ? worstCase.div(accountSize) : null;
  const declaredOver = order.riskPercent !== null && order.riskPercent.gt(limit);
  const computedOver = computed !== null && computed.gt(limit);
  if (!declaredOver && !computedOver) return null;
  const shown = declaredOver ? (order.riskPercent as Decimal) : (computed as Decimal);
  return deny(
    'MAX_RISK_PERCENT',
    `Risk of ${shown.times(100).toDecimalPlaces(4).toString()} % per trade is above the limit of ${limit.times(100).toString()} %`,
    {
      limit: num(limit),
      risk_percent: num(order.riskPercent),
      computed_risk_percent: num(computed),
      worst_case: num(worstCase),
      account_size: num(accountSize),
      program_id: input.programId,
    },
  );
}
