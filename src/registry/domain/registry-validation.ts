import { FieldCheck } from './field-check';
import { parseFirmFlatBy } from './firm-flat-by';
import { parseFirmTradingDay } from './firm-trading-day';
import { validateProgramLimits } from './program-limits';
import { parseProgramRules } from './program-rules';
import { crossCheckRules } from './program-rules-cross-check';
import type { Draft, FirmFields, FirmStatus, ProgramFields, ScalingRuleFields } from './registry-records';

/** Firm codes also name env variables (`APEX_ENABLED`), hence upper case, digits and underscores. */
export const FIRM_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_]{0,49}$/;
export const FIRM_STATUSES: readonly FirmStatus[] = ['active', 'inactive'];
const MONEY_MAX = 1e15;
const FACTOR_MAX = 999_999;

export const FIRM_DEFAULTS: Omit<FirmFields, 'code' | 'name'> = {
  website_url: null,
  status: 'active',
  schema_version: 1,
  meta: {},
};

export const PROGRAM_DEFAULTS: Omit<ProgramFields, 'firm_id' | 'name' | 'account_size'> = {
  currency: 'USD',
  max_daily_loss: null,
  max_total_loss: null,
  profit_target: null,
  min_trading_days: null,
  max_trading_days: null,
  payout_split: null,
  scaling_plan: null,
  schema_version: 1,
  meta: {},
};

export const SCALING_RULE_DEFAULTS: Omit<ScalingRuleFields, 'firm_id' | 'scale_factor'> = {
  program_id: null,
  step_number: 1,
  profit_target_multiple: null,
  min_days_between_scales: null,
  max_equity_drawdown: null,
  meta: {},
};

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function result<T>(check: FieldCheck, value: T, extra: string[] = []): Checked<T> {
  const problems = [...check.problems, ...extra];
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** A complete firm candidate (defaults or the stored firm already merged in) → the fields, or every problem. */
export function checkFirm(d: Draft<FirmFields>): Checked<FirmFields> {
  const c = new FieldCheck(d);
  const value = {
    code: c.text('code', {
      max: 50,
      required: true,
      pattern: FIRM_CODE_PATTERN,
      hint: 'must be upper-case letters, digits or underscores (e.g. APEX)',
    }),
    name: c.text('name', { max: 255, required: true }),
    website_url: c.url('website_url'),
    status: c.oneOf('status', FIRM_STATUSES),
    schema_version: c.int('schema_version', { min: 1, required: true }),
    meta: c.object('meta'),
  };
  return result(c, value as FirmFields, [
    ...parseFirmTradingDay(value.meta.trading_day).problems,
    ...parseFirmFlatBy(value.meta.flat_by).problems,
  ]);
}

export function checkProgram(d: Draft<ProgramFields>): Checked<ProgramFields> {
  const c = new FieldCheck(d);
  const money = (key: string, required = false) =>
    c.decimal(key, { places: 2, min: 0, aboveMin: true, max: MONEY_MAX, required });
  const value = {
    firm_id: c.int('firm_id', { min: 1, required: true }),
    name: c.text('name', { max: 255, required: true }),
    account_size: money('account_size', true),
    currency: c.text('currency', {
      max: 16,
      required: true,
      pattern: /^[A-Z]{3,16}$/,
      hint: 'must be an upper-case currency code such as USD',
    }),
    max_daily_loss: money('max_daily_loss'),
    max_total_loss: money('max_total_loss'),
    profit_target: money('profit_target'),
    min_trading_days: c.int('min_trading_days', { min: 0, max: 3650 }),
    max_trading_days: c.int('max_trading_days', { min: 1, max: 3650 }),
    payout_split: c.decimal('payout_split', { places: 4, min: 0, max: 1 }),
    scaling_plan: c.text('scaling_plan', { max: 10_000 }),
    schema_version: c.int('schema_version', { min: 1, required: true }),
    meta: c.object('meta'),
  };
  const { rules, problems: ruleProblems } = parseProgramRules(value.meta.rules);
  return result(c, value as ProgramFields, [
    ...crossChecks(value),
    ...validateProgramLimits(value.meta),
    ...ruleProblems,
    ...crossCheckRules(rules, value),
  ]);
}

/** Limits that must agree with each other; each is checked only when both are present and valid. */
function crossChecks(v: {
  min_trading_days: number | null;
  max_trading_days: number | null;
  max_daily_loss: number | null;
  max_total_loss: number | null;
}): string[] {
  const problems: string[] = [];
  if (v.min_trading_days !== null && v.max_trading_days !== null && v.max_trading_days < v.min_trading_days) {
    problems.push('max_trading_days: must not be less than min_trading_days');
  }
  if (v.max_daily_loss !== null && v.max_total_loss !== null && v.max_daily_loss > v.max_total_loss) {
    problems.push('max_daily_loss: must not exceed max_total_loss');
  }
  return problems;
}

export function checkScalingRule(d: Draft<ScalingRuleFields>): Checked<ScalingRuleFields> {
  const c = new FieldCheck(d);
  const factor = (key: string, required = false) =>
    c.decimal(key, { places: 4, min: 0, aboveMin: true, max: FACTOR_MAX, required });
  const value = {
    firm_id: c.int('firm_id', { min: 1, required: true }),
    program_id: c.int('program_id', { min: 1 }),
    step_number: c.int('step_number', { min: 1, required: true }),
    scale_factor: factor('scale_factor', true),
    profit_target_multiple: factor('profit_target_multiple'),
    min_days_between_scales: c.int('min_days_between_scales', { min: 0, max: 3650 }),
    max_equity_drawdown: c.decimal('max_equity_drawdown', { places: 4, min: 0, max: 1 }),
    meta: c.object('meta'),
  };
  return result(c, value as ScalingRuleFields);
}
