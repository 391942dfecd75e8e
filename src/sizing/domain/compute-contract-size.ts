import { dec, num } from './sizing-decimal';
import {
  contracts,
  envName,
  maxContractsSource,
  maxRiskSource,
  money,
  percent,
  perPoint,
  plain,
} from './sizing-format';
import { approve, invalidInput, reject } from './sizing-decision';
import { inputProblems, SizingContext, SizingInput, toContext } from './sizing-input';
import { SizingDecision, SizingRule } from './sizing-rules';

/**
 * Seed 13E's program sizing rule, exact in decimal:
 * `quantity = floor((account_size × risk_percent) / (stop_distance × point_value))`.
 * A user quantity is validated against the contract limits and the risk cap, never replaced;
 * without one the quantity is computed, capped by max contracts and checked against min contracts.
 * Every outcome is a value: nothing throws for any input.
 */
export function computeContractSize(input: SizingInput): SizingDecision {
  const other = sizeForOtherFirm(input);
  if (other) return other;
  const problems = inputProblems(input);
  if (problems.length > 0) return invalidInput(input, problems);
  const ctx = toContext(input);
  return (
    checkStopDistance(ctx) ??
    checkRiskPercent(ctx) ??
    (ctx.quantity === null ? autoSize(ctx) : validateUserQuantity(ctx, ctx.quantity))
  );
}

/** What `sizeForOtherFirm` reads of an input: no limits, point value or decimal context are needed. */
export type OwnerCheckInput = Pick<
  SizingInput,
  | 'firmCode'
  | 'programId'
  | 'programFirmCode'
  | 'symbol'
  | 'accountSize'
  | 'entryPrice'
  | 'stopLoss'
  | 'riskPercent'
  | 'quantity'
>;

/**
 * A program sized for another firm would borrow that firm's account size and limits: rejected (after an
 * invalid input, which is named first), with the owner as its only detail: nothing of the other firm's
 * program is this firm's sizing. Null when the program is this firm's (or unknown). Needs neither the
 * limits nor a point value, so a caller may ask it before gathering them (an `env:` account is sized for
 * every program an alert names, most of them other firms').
 */
export function sizeForOtherFirm(input: OwnerCheckInput): SizingDecision | null {
  const owner = input.programFirmCode;
  if (owner === null || owner.toUpperCase() === input.firmCode.toUpperCase()) return null;
  const problems = inputProblems(input);
  if (problems.length > 0) return invalidInput(input, problems);
  return {
    firm_code: input.firmCode,
    program_id: input.programId,
    status: 'REJECTED',
    rule: SizingRule.PROGRAM_FIRM_MISMATCH,
    reason: `Program ${input.programId} belongs to ${owner}, not ${input.firmCode}: it cannot size ${input.firmCode}'s order`,
    computed_quantity: null,
    details: { program_firm_code: owner },
  };
}

function checkStopDistance(ctx: SizingContext): SizingDecision | null {
  if (ctx.stopDistance === null || !ctx.stopDistance.isZero()) return null;
  const at = plain(dec(ctx.input.stopLoss ?? 0));
  return reject(
    ctx,
    SizingRule.ZERO_STOP_DISTANCE,
    `Stop loss equals the entry price (${at}): a zero stop distance cannot be sized`,
  );
}

function checkRiskPercent(ctx: SizingContext): SizingDecision | null {
  const limit = ctx.input.limits.maxRiskPercent;
  if (ctx.riskPercent === null || ctx.riskPercent.lte(limit.value)) return null;
  const source = maxRiskSource(limit, ctx.input.firmCode, ctx.input.programId);
  return reject(
    ctx,
    SizingRule.MAX_RISK_PERCENT,
    `Risk ${percent(ctx.riskPercent)} per trade is above the ${percent(limit.value)} maximum for ${ctx.who} (${source})`,
  );
}

function validateUserQuantity(ctx: SizingContext, quantity: number): SizingDecision {
  const { firmCode, programId, limits } = ctx.input;
  if (limits.maxContracts && quantity > limits.maxContracts.value) {
    const source = maxContractsSource(limits.maxContracts, firmCode, programId);
    const reason = `A quantity of ${contracts(quantity)} is above the maximum of ${contracts(limits.maxContracts.value)} for ${ctx.who} (${source})`;
    return reject(ctx, SizingRule.MAX_CONTRACTS, reason);
  }
  if (limits.minContracts !== null && quantity < limits.minContracts) {
    const source = envName(firmCode, programId, 'MIN_CONTRACTS');
    const reason = `A quantity of ${contracts(quantity)} is below the minimum of ${contracts(limits.minContracts)} for ${ctx.who} (${source})`;
    return reject(ctx, SizingRule.MIN_CONTRACTS, reason);
  }
  return checkUserQuantityRisk(ctx, quantity) ?? approve(ctx, quantity, null, null);
}

/** The money a user quantity puts at risk must stay within max risk percent of the account. */
function checkUserQuantityRisk(ctx: SizingContext, quantity: number): SizingDecision | null {
  const { accountSize, stopDistance } = ctx;
  ctx.details.risk_checked = accountSize !== null && stopDistance !== null;
  if (accountSize === null || stopDistance === null) return null;
  const pointValue = ctx.input.pointValue;
  if (!pointValue) return unknownSymbol(ctx);
  const limit = ctx.input.limits.maxRiskPercent;
  const risk = dec(quantity).times(stopDistance).times(pointValue.value);
  const allowed = accountSize.times(limit.value);
  Object.assign(ctx.details, { quantity_risk: num(risk), max_risk_amount: num(allowed) });
  if (risk.lte(allowed)) return null;
  const source = maxRiskSource(limit, ctx.input.firmCode, ctx.input.programId);
  const reason =
    `${contracts(quantity)} × ${plain(stopDistance)} points × ${perPoint(pointValue.value)} risk ${money(risk)}, ` +
    `${percent(risk.div(accountSize))} of the ${money(accountSize)} account; the maximum is ` +
    `${percent(limit.value)} (${money(allowed)}, ${source})`;
  return reject(ctx, SizingRule.MAX_RISK_PERCENT, reason);
}

function autoSize(ctx: SizingContext): SizingDecision {
  const { accountSize, stopDistance, riskPercent } = ctx;
  const pointValue = ctx.input.pointValue;
  if (accountSize === null) {
    return reject(
      ctx,
      SizingRule.MISSING_ACCOUNT_SIZE,
      `No account size is known for ${ctx.who} and no quantity was given: nothing to size from`,
    );
  }
  if (stopDistance === null) {
    return reject(
      ctx,
      SizingRule.MISSING_STOP_DISTANCE,
      `No stop distance: sizing ${ctx.who} needs both entry_price and stop_loss, or a quantity`,
    );
  }
  if (riskPercent === null) {
    return reject(
      ctx,
      SizingRule.MISSING_RISK_PERCENT,
      `No risk_percent given: sizing ${ctx.who} needs risk_percent (0.01 = 1%) or a quantity`,
    );
  }
  if (!pointValue) return unknownSymbol(ctx);

  const budget = accountSize.times(riskPercent);
  const perContract = stopDistance.times(pointValue.value);
  const raw = budget.divToInt(perContract).toNumber();
  Object.assign(ctx.details, { risk_amount: num(budget), risk_per_contract: num(perContract) });
  // Built only when a reason is needed: most decisions are plain approvals.
  const basis = () =>
    `Risk ${money(budget)} (${percent(riskPercent)} of ${money(accountSize)}) at ${plain(stopDistance)} points × ` +
    `${perPoint(pointValue.value)} (${money(perContract)} per contract) allows ${contracts(raw)}`;
  if (raw === 0)
    return reject(
      ctx,
      SizingRule.QUANTITY_ZERO,
      `${basis()}: the stop is too wide for this account and risk`,
    );
  return applyContractLimits(ctx, raw, basis);
}

function applyContractLimits(ctx: SizingContext, raw: number, basis: () => string): SizingDecision {
  const { firmCode, programId, limits } = ctx.input;
  const max = limits.maxContracts;
  const capped = max !== null && raw > max.value;
  const quantity = capped ? max.value : raw;
  if (capped) ctx.details.capped_from = raw;
  if (limits.minContracts !== null && quantity < limits.minContracts) {
    const source = envName(firmCode, programId, 'MIN_CONTRACTS');
    const reason = `${basis()}${capped ? ` (capped to ${max.value})` : ''}, below the minimum of ${contracts(limits.minContracts)} for ${ctx.who} (${source})`;
    return reject(ctx, SizingRule.MIN_CONTRACTS, reason);
  }
  if (!capped) return approve(ctx, quantity, null, null);
  const reason = `${basis()}; capped to the maximum of ${contracts(max.value)} for ${ctx.who} (${maxContractsSource(max, firmCode, programId)})`;
  return approve(ctx, quantity, SizingRule.MAX_CONTRACTS, reason);
}

function unknownSymbol(ctx: SizingContext): SizingDecision {
  const variable = envName(ctx.input.firmCode, ctx.input.programId, 'POINT_VALUE');
  const reason = `Unknown symbol "${ctx.input.symbol}": no contract spec and no ${variable} configured, so the risk per contract is unknown`;
  return reject(ctx, SizingRule.UNKNOWN_SYMBOL, reason);
}
