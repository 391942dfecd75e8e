import Decimal from 'decimal.js';
import { PointValue } from './point-value';
import { dec, num } from './sizing-decimal';
import { SizingLimits } from './sizing-limits';

/** Everything one firm × program decision needs, already gathered from the request, env and registry. */
export interface SizingInput {
  firmCode: string;
  programId: number;
  symbol: string;
  /** The program's account size; null when the program is unknown. */
  accountSize: number | null;
  /** The firm the registry says owns the program; null when the program is unknown. */
  programFirmCode: string | null;
  entryPrice: number | null;
  stopLoss: number | null;
  /** Fraction of the account, 0.01 = 1 %. */
  riskPercent: number | null;
  /** The user's quantity: validated, never replaced. */
  quantity: number | null;
  /** Account profit the limits were resolved at (shown when a scaling ladder applies). */
  accountProfit: number | null;
  /** Null when the symbol is unknown and no point value is configured. */
  pointValue: PointValue | null;
  limits: SizingLimits;
}

/** The validated input in decimal form; `stopDistance` = |entry − stop|, null when either is missing. */
export interface SizingContext {
  input: SizingInput;
  who: string;
  accountSize: Decimal | null;
  riskPercent: Decimal | null;
  stopDistance: Decimal | null;
  quantity: number | null;
  details: Record<string, unknown>;
}

/** Every problem with the input, each naming its field; empty when the input is usable. */
export function inputProblems(
  input: Pick<SizingInput, 'accountSize' | 'entryPrice' | 'stopLoss' | 'riskPercent' | 'quantity'>,
): string[] {
  const problems: string[] = [];
  const finite = (name: string, v: number | null) => {
    if (v !== null && !Number.isFinite(v)) problems.push(`${name} must be a finite number, got ${v}`);
  };
  finite('entry_price', input.entryPrice);
  finite('stop_loss', input.stopLoss);
  if (input.accountSize !== null && !(input.accountSize > 0)) {
    problems.push(`account_size must be greater than 0, got ${input.accountSize}`);
  }
  if (input.riskPercent !== null && !(input.riskPercent > 0 && Number.isFinite(input.riskPercent))) {
    problems.push(`risk_percent must be a fraction greater than 0 (0.01 = 1%), got ${input.riskPercent}`);
  }
  if (input.quantity !== null && !(Number.isSafeInteger(input.quantity) && input.quantity >= 1)) {
    problems.push(`quantity must be a whole number of contracts of at least 1, got ${input.quantity}`);
  }
  return problems;
}

export function toContext(input: SizingInput): SizingContext {
  const accountSize = input.accountSize === null ? null : dec(input.accountSize);
  const riskPercent = input.riskPercent === null ? null : dec(input.riskPercent);
  const stopDistance =
    input.entryPrice === null || input.stopLoss === null
      ? null
      : dec(input.entryPrice).minus(dec(input.stopLoss)).abs();
  return {
    input,
    who: `${input.firmCode} program ${input.programId}`,
    accountSize,
    riskPercent,
    stopDistance,
    quantity: input.quantity,
    details: baseDetails(input, accountSize, riskPercent, stopDistance),
  };
}

function baseDetails(
  input: SizingInput,
  accountSize: Decimal | null,
  riskPercent: Decimal | null,
  stopDistance: Decimal | null,
): Record<string, unknown> {
  const { maxContracts, minContracts, maxRiskPercent } = input.limits;
  const details: Record<string, unknown> = {
    account_size: num(accountSize),
    risk_percent: num(riskPercent),
    stop_distance: num(stopDistance),
    multiplier: input.pointValue ? num(input.pointValue.value) : null,
    point_value_source: input.pointValue?.source ?? null,
    symbol: input.symbol,
    contract_root: input.pointValue?.root ?? null,
    max_contracts: maxContracts?.value ?? null,
    max_contracts_source: maxContracts?.source ?? null,
    min_contracts: minContracts,
    max_risk_percent: num(maxRiskPercent.value),
    max_risk_percent_source: maxRiskPercent.source,
  };
  if (maxContracts?.rung) {
    details.ladder_tier = { ...maxContracts.rung };
    details.account_profit = input.accountProfit;
  }
  if (input.quantity !== null) details.user_quantity = input.quantity;
  return details;
}
