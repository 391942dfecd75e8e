import Decimal from 'decimal.js';
import type { EntryOutcome } from '../domain/entry-fit';
import type { OrderIntent } from '../domain/order-intent';
import type { RuleOutcome } from '../domain/risk-denial';
import type { RiskCheckRequest, RiskCheckResult } from './ports/risk-gate.port';

/** A request as the rules see it; throws on a malformed one (the gate answers RISK_ENGINE_ERROR then). */
export function toOrderIntent(r: RiskCheckRequest): OrderIntent {
  if (r.quantity !== null && !(Number.isInteger(r.quantity) && r.quantity > 0)) {
    throw new Error(`quantity must be a positive whole number, got ${r.quantity}`);
  }
  const min = r.sizeToFit?.minQuantity;
  if (min !== undefined && !(Number.isInteger(min) && min >= 1)) {
    throw new Error(`sizeToFit.minQuantity must be a whole number of at least 1, got ${min}`);
  }
  return {
    firmCode: r.firmCode.toUpperCase(),
    accountId: r.accountId ?? null,
    eventType: r.eventType,
    symbol: r.symbol,
    side: r.side,
    quantity: r.quantity,
    entryPrice: finite(r.entryPrice, 'entryPrice'),
    stopLoss: finite(r.stopLoss, 'stopLoss'),
    riskPercent: finite(r.riskPercent, 'riskPercent'),
  };
}

function finite(n: number | null, name: string): Decimal | null {
  if (n === null || n === undefined) return null;
  if (!Number.isFinite(n)) throw new Error(`${name} is not a finite number`);
  return new Decimal(n);
}

export function toResult(r: RiskCheckRequest, denial: RuleOutcome): RiskCheckResult {
  return toFittedResult(r, { denial, fitted: null });
}

/** An entry sized down to fit is APPROVED with the rule that capped it, as sizing reports its own caps. */
export function toFittedResult(r: RiskCheckRequest, { denial, fitted }: EntryOutcome): RiskCheckResult {
  if (fitted) {
    const { quantity, rule, reason, details } = fitted;
    return { firm_code: r.firmCode, status: 'APPROVED', rule, reason, details, approved_quantity: quantity };
  }
  if (!denial) return { firm_code: r.firmCode, status: 'APPROVED', rule: null, reason: null, details: {} };
  return {
    firm_code: r.firmCode,
    status: 'REJECTED',
    rule: denial.rule,
    reason: denial.reason,
    details: denial.details,
  };
}

export function engineError(r: RiskCheckRequest, error: unknown): RiskCheckResult {
  return {
    firm_code: r.firmCode,
    status: 'REJECTED',
    rule: 'RISK_ENGINE_ERROR',
    reason: 'The risk checks could not be completed; the order is not allowed',
    details: { error: error instanceof Error ? error.name : 'Error' },
  };
}
