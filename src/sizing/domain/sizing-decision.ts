import { SizingContext, SizingInput } from './sizing-input';
import { SizingDecision, SizingRule, SizingRuleName } from './sizing-rules';

/** Builders of the decision value: approvals carry a quantity, rejections never do. */
export function approve(
  ctx: SizingContext,
  quantity: number,
  rule: SizingRuleName | null,
  reason: string | null,
): SizingDecision {
  return decision(ctx.input, 'APPROVED', rule, reason, quantity, ctx.details);
}

export function reject(ctx: SizingContext, rule: SizingRuleName, reason: string): SizingDecision {
  return decision(ctx.input, 'REJECTED', rule, reason, null, ctx.details);
}

/** An input the rule cannot read: every problem listed, the raw values kept for the record. */
export function invalidInput(
  input: Pick<
    SizingInput,
    | 'firmCode'
    | 'programId'
    | 'accountSize'
    | 'entryPrice'
    | 'stopLoss'
    | 'riskPercent'
    | 'quantity'
    | 'symbol'
  >,
  problems: string[],
): SizingDecision {
  const { accountSize, entryPrice, stopLoss, riskPercent, quantity, symbol } = input;
  const details = {
    account_size: accountSize,
    entry_price: entryPrice,
    stop_loss: stopLoss,
    risk_percent: riskPercent,
    quantity,
    symbol,
    problems,
  };
  const reason = `Invalid sizing input: ${problems.join('; ')}`;
  return decision(input, 'REJECTED', SizingRule.INVALID_INPUT, reason, null, details);
}

function decision(
  input: Pick<SizingInput, 'firmCode' | 'programId'>,
  status: SizingDecision['status'],
  rule: SizingRuleName | null,
  reason: string | null,
  quantity: number | null,
  details: Record<string, unknown>,
): SizingDecision {
  return {
    firm_code: input.firmCode,
    program_id: input.programId,
    status,
    rule,
    reason,
    computed_quantity: quantity,
    details,
  };
}
