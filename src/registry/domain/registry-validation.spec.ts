import { baselineFirm, baselineProgram, baselineScalingRule, BASELINE_FIRMS } from './baseline-seed';
import {
  checkFirm,
  checkProgram,
  checkScalingRule,
  FIRM_DEFAULTS,
  PROGRAM_DEFAULTS,
  SCALING_RULE_DEFAULTS,
} from './registry-validation';

const problems = (r: { ok: boolean; problems?: string[] }) => (r.ok ? [] : r.problems);

describe('checkFirm', () => {
  const firm = { ...FIRM_DEFAULTS, code: 'APEX', name: 'Apex' };

  it('accepts a firm with the defaults, and every baseline firm', () => {
    expect(checkFirm(firm)).toEqual({ ok: true, value: firm });
    for (const f of BASELINE_FIRMS) expect(checkFirm(baselineFirm(f)).ok).toBe(true);
  });

  it('codes name env variables: upper case, digits, underscores, 1 to 50, not starting with _', () => {
    for (const code of ['A', 'APEX_2', '1UP', 'X'.repeat(50)])
      expect(checkFirm({ ...firm, code }).ok).toBe(true);
    for (const code of ['apex', 'AP-EX', '_APEX', 'AP EX', 'X'.repeat(51)])
      expect(checkFirm({ ...firm, code }).ok).toBe(false);
  });

  it('lists every problem at once', () => {
    expect(
      problems(
        checkFirm({
          code: 'apex',
          name: '',
          website_url: 'ftp://x',
          status: 'paused',
          schema_version: 0,
          meta: [],
        }),
      ),
    ).toEqual([
      'code: must be upper-case letters, digits or underscores (e.g. APEX)',
      'name: must be a non-empty string',
      'website_url: must be an http(s) URL',
      'status: must be one of active, inactive',
      'schema_version: must be at least 1',
      'meta: must be a JSON object',
    ]);
  });

  it('requires code, name, status and schema_version', () => {
    expect(problems(checkFirm({}))).toEqual([
      'code: is required',
      'name: is required',
      'status: is required',
      'schema_version: is required',
    ]);
  });
});

describe('checkProgram', () => {
  const program = { ...PROGRAM_DEFAULTS, firm_id: 1, name: '50k', account_size: 50_000 };

  it('accepts a program with the defaults, and the baseline programs', () => {
    expect(checkProgram(program)).toEqual({ ok: true, value: program });
    for (const size of [50_000, 100_000, 200_000])
      expect(checkProgram(baselineProgram(1, 'Apex', size)).ok).toBe(true);
  });

  it('money: above 0, at most 2 decimal places, at most 1e15', () => {
    expect(checkProgram({ ...program, account_size: 0.01, max_daily_loss: 1e15 }).ok).toBe(true);
    expect(
      problems(checkProgram({ ...program, account_size: 0, max_daily_loss: 1e15 + 1, profit_target: 1.005 })),
    ).toEqual([
      'account_size: must be greater than 0',
      'max_daily_loss: must be at most 1000000000000000',
      'profit_target: must have at most 2 decimal places',
    ]);
  });

  it('currency: an upper-case code; payout_split: a fraction with 4 places', () => {
    expect(problems(checkProgram({ ...program, currency: 'usd', payout_split: 1.5 }))).toEqual([
      'currency: must be an upper-case currency code such as USD',
      'payout_split: must be at most 1',
    ]);
    expect(checkProgram({ ...program, payout_split: 0.9999 }).ok).toBe(true);
    expect(checkProgram({ ...program, payout_split: 0.99999 }).ok).toBe(false);
  });

  it('trading days: max not below min (equal is fine)', () => {
    expect(checkProgram({ ...program, min_trading_days: 5, max_trading_days: 5 }).ok).toBe(true);
    expect(problems(checkProgram({ ...program, min_trading_days: 6, max_trading_days: 5 }))).toEqual([
      'max_trading_days: must not be less than min_trading_days',
    ]);
  });

  it('daily loss not above total loss (equal is fine)', () => {
    expect(checkProgram({ ...program, max_daily_loss: 3000, max_total_loss: 3000 }).ok).toBe(true);
    expect(problems(checkProgram({ ...program, max_daily_loss: 3000.01, max_total_loss: 3000 }))).toEqual([
      'max_daily_loss: must not exceed max_total_loss',
    ]);
  });

  it('a cross check needs both values valid: an invalid one is reported once, on its own', () => {
    expect(problems(checkProgram({ ...program, min_trading_days: -1, max_trading_days: 0 }))).toEqual([
      'min_trading_days: must be at least 0',
      'max_trading_days: must be at least 1',
    ]);
  });

  it('validates the limit keys of meta after the fields', () => {
    expect(problems(checkProgram({ ...program, name: null, meta: { max_contracts: 0 } }))).toEqual([
      'name: is required',
      'meta.max_contracts: must be at least 1',
    ]);
  });
});

describe('checkScalingRule', () => {
  const rule = { ...SCALING_RULE_DEFAULTS, firm_id: 1, scale_factor: 1.25 };

  it('accepts a firm-wide rule with the defaults, and the baseline rule', () => {
    expect(checkScalingRule(rule)).toEqual({ ok: true, value: rule });
    expect(checkScalingRule(baselineScalingRule(1, 2)).ok).toBe(true);
  });

  it('factors: above 0, 4 places, at most 999999; drawdown a fraction', () => {
    expect(checkScalingRule({ ...rule, scale_factor: 999_999, max_equity_drawdown: 1 }).ok).toBe(true);
    expect(
      problems(
        checkScalingRule({
          ...rule,
          scale_factor: 0,
          profit_target_multiple: 1.00001,
          max_equity_drawdown: 1.1,
          step_number: 0,
        }),
      ),
    ).toEqual([
      'step_number: must be at least 1',
      'scale_factor: must be greater than 0',
      'profit_target_multiple: must have at most 4 decimal places',
      'max_equity_drawdown: must be at most 1',
    ]);
  });

  it('requires firm, step and scale factor', () => {
    expect(problems(checkScalingRule({}))).toEqual([
      'firm_id: is required',
      'step_number: is required',
      'scale_factor: is required',
    ]);
  });
});
