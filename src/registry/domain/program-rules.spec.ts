import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFirmTradingDay } from './firm-trading-day';
import { parseProgramRules } from './program-rules';
import { crossCheckRules } from './program-rules-cross-check';
import { checkFirm, checkProgram, PROGRAM_DEFAULTS, FIRM_DEFAULTS } from './registry-validation';

const SRC = { source: 'https://example.com/rules', as_of: '2026-06' };

describe('program meta.rules', () => {
  it('reads every rule with its source', () => {
    const { rules, problems } = parseProgramRules({
      drawdown: {
        kind: 'intraday_trailing',
        amount: 2500,
        lock: { kind: 'at_start_plus', amount: 100 },
        ...SRC,
      },
      daily_loss: { basis: 'percent_of_prior_eod', fraction: 0.025, enforcement: 'hard', ...SRC },
      per_trade_loss: { basis: 'amount', amount: 500, ...SRC, note: 'about 2 %' },
      contracts: { micro_ratio: 10, ...SRC },
      notes: 'free text',
    });
    expect(problems).toEqual([]);
    expect(rules.drawdown).toMatchObject({
      kind: 'intraday_trailing',
      lock: { kind: 'at_start_plus', amount: 100 },
    });
    expect(rules.daily_loss).toMatchObject({ basis: 'percent_of_prior_eod', fraction: 0.025, amount: null });
    expect(rules.per_trade_loss).toMatchObject({ amount: 500, note: 'about 2 %' });
    expect(rules.contracts?.micro_ratio).toBe(10);
  });

  it('names every problem at once', () => {
    const { problems } = parseProgramRules({
      drawdown: { kind: 'weekly', amount: -1, lock: { kind: 'at_start_plus' } },
      daily_loss: { basis: 'amount', fraction: 0.02, enforcement: 'maybe', ...SRC },
      per_trade_loss: { basis: 'percent_of_account', amount: 500, ...SRC },
      contracts: { micro_ratio: 0.5, ...SRC },
      weekly_loss: {},
    });
    expect(problems).toEqual([
      'meta.rules: unknown rule weekly_loss (known: drawdown, daily_loss, per_trade_loss, contracts, consistency, news, notes)',
      'meta.rules.drawdown.kind: must be one of static, eod_trailing, intraday_trailing',
      'meta.rules.drawdown.amount: must be greater than 0',
      'meta.rules.drawdown.lock.amount: is required for at_start_plus',
      'meta.rules.drawdown.source: is required',
      'meta.rules.drawdown.as_of: is required',
      'meta.rules.daily_loss.amount: is required for basis amount',
      'meta.rules.daily_loss.fraction: is only for basis percent_of_prior_eod',
      'meta.rules.daily_loss.enforcement: must be one of hard, soft (absent: not stated)',
      'meta.rules.per_trade_loss.fraction: is required for basis percent_of_account',
      'meta.rules.per_trade_loss.amount: is only for basis amount',
      'meta.rules.contracts.micro_ratio: must be an integer',
    ]);
  });

  it('a static drawdown cannot lock; the rules must agree with the columns and meta.drawdown_type', () => {
    const { rules, problems } = parseProgramRules({
      drawdown: { kind: 'eod_trailing', amount: 2000, lock: { kind: 'at_start' }, ...SRC },
      daily_loss: { basis: 'amount', amount: 1000, ...SRC },
    });
    expect(problems).toEqual([]);
    expect(
      crossCheckRules(rules, {
        max_total_loss: 2500,
        max_daily_loss: 900,
        meta: { drawdown_type: 'eod_trailing' },
      }),
    ).toEqual([
      'meta.rules.drawdown.amount: 2000 disagrees with max_total_loss 2500',
      'meta.rules.drawdown: kind eod_trailing with lock at_start disagrees with meta.drawdown_type eod_trailing',
      'meta.rules.daily_loss.amount: 1000 disagrees with max_daily_loss 900',
    ]);
    expect(
      parseProgramRules({ drawdown: { kind: 'static', amount: 1, lock: { kind: 'at_start' }, ...SRC } })
        .problems,
    ).toEqual(['meta.rules.drawdown.lock: a static drawdown does not trail, so it cannot lock']);
  });

  it('contracts.scaling: tiers by balance, validated, and never above meta.max_contracts', () => {
    const tiers = [
      { min_profit: 0, max_contracts: 2 },
      { min_profit: 1500, max_contracts: 3 },
      { min_profit: 2000, max_contracts: 5 },
    ];
    const { rules, problems } = parseProgramRules({ contracts: { micro_ratio: 10, scaling: tiers, ...SRC } });
    expect(problems).toEqual([]);
    expect(rules.contracts?.scaling).toEqual(tiers);
    expect(parseProgramRules({ contracts: { micro_ratio: 10, ...SRC } }).rules.contracts?.scaling).toBeNull();
    expect(
      crossCheckRules(rules, { max_total_loss: null, max_daily_loss: null, meta: { max_contracts: 4 } }),
    ).toEqual(['meta.rules.contracts.scaling: a tier of 5 contracts is above meta.max_contracts 4']);
    const bad = (scaling: unknown) =>
      parseProgramRules({ contracts: { micro_ratio: 10, scaling, ...SRC } }).problems;
    expect(bad([])).toEqual(['meta.rules.contracts.scaling: must have a tier']);
    expect(bad({ min_profit: 0 })).toEqual([
      'meta.rules.contracts.scaling: must be an array of {min_profit, max_contracts}',
    ]);
    expect(
      bad([
        { min_profit: 1500, max_contracts: 3 },
        { min_profit: 1500, max_contracts: 0.5 },
      ]),
    ).toEqual([
      'meta.rules.contracts.scaling[1].max_contracts: must be an integer',
      'meta.rules.contracts.scaling[1].min_profit: must be greater than the previous rung (ascending order)',
    ]);
  });

  it('checkProgram reports rule problems with the column problems', () => {
    const checked = checkProgram({
      ...PROGRAM_DEFAULTS,
      firm_id: 1,
      name: 'X',
      account_size: -5,
      meta: { rules: { per_trade_loss: { basis: 'amount', ...SRC } } },
    });
    expect(checked.ok ? [] : checked.problems).toEqual([
      'account_size: must be greater than 0',
      'meta.rules.per_trade_loss.amount: is required for basis amount',
    ]);
  });
});

describe('firm meta.trading_day', () => {
  it('reads a reset time in an IANA zone, with its source', () => {
    expect(
      parseFirmTradingDay({ reset: '00:00', time_zone: 'Europe/Prague', ...SRC }).tradingDay,
    ).toMatchObject({
      reset: '00:00',
      time_zone: 'Europe/Prague',
    });
  });

  it('names every problem', () => {
    const checked = checkFirm({
      ...FIRM_DEFAULTS,
      code: 'FTMO',
      name: 'FTMO',
      meta: { trading_day: { reset: '24:00', time_zone: 'Mars/Olympus' } },
    });
    expect(checked.ok ? [] : checked.problems).toEqual([
      'meta.trading_day.reset: must be HH:MM (24-hour)',
      'meta.trading_day.time_zone: must be an IANA time zone, e.g. America/New_York',
      'meta.trading_day.source: is required',
      'meta.trading_day.as_of: is required',
    ]);
  });
});

describe('program meta.rules: consistency and news', () => {
  const consistency = {
    max_day_fraction: 0.5,
    basis: 'total_profit',
    action: 'reject_entries',
    on_breach: 'more_days',
    applies_to: ['evaluation'],
    ...SRC,
  };
  const news = { minutes_before: 2, minutes_after: 2, impact: 'high', applies_to: ['funded'], ...SRC };

  it('reads both with their phases', () => {
    const { rules, problems } = parseProgramRules({ consistency, news: { ...news, currencies: ['USD'] } });
    expect(problems).toEqual([]);
    expect(rules.consistency).toMatchObject({
      max_day_fraction: 0.5,
      action: 'reject_entries',
      on_breach: 'more_days',
    });
    expect(rules.news).toMatchObject({
      minutes_before: 2,
      impact: 'high',
      applies_to: ['funded'],
      currencies: ['USD'],
    });
  });

  it('names every problem at once', () => {
    const { problems } = parseProgramRules({
      consistency: {
        max_day_fraction: 1,
        basis: 'best_day',
        action: 'warn',
        on_breach: 'fine',
        applies_to: [],
        ...SRC,
      },
      news: { minutes_before: -1, impact: 'red', applies_to: ['qualified'], currencies: ['usd'], ...SRC },
    });
    expect(problems).toEqual([
      'meta.rules.consistency.max_day_fraction: must be at most 0.9999',
      'meta.rules.consistency.basis: must be one of total_profit, profit_target',
      'meta.rules.consistency.action: must be one of reject_entries, payout_only',
      'meta.rules.consistency.on_breach: must be one of more_days, payout_withheld, profits_voided, failure (absent: not stated)',
      'meta.rules.consistency.applies_to: must be a non-empty list of distinct phases among evaluation, funded, live',
      'meta.rules.news.applies_to: must be a non-empty list of distinct phases among evaluation, funded, live',
      'meta.rules.news.minutes_before: must be at least 0',
      'meta.rules.news.minutes_after: is required',
      'meta.rules.news.impact: must be one of high, medium',
      'meta.rules.news.currencies: must be a non-empty list of upper-case ISO currency codes, e.g. ["USD"]',
    ]);
  });

  it('rejecting entries needs a profit target and the evaluation phase only', () => {
    const { rules } = parseProgramRules({
      consistency: { ...consistency, applies_to: ['evaluation', 'funded'] },
    });
    const program = { max_total_loss: null, max_daily_loss: null, profit_target: null, meta: {} };
    expect(crossCheckRules(rules, program)).toEqual([
      "meta.rules.consistency.action: reject_entries needs the program's profit_target",
      'meta.rules.consistency.applies_to: reject_entries applies to the evaluation phase only (a funded account has no profit target to cap its day against): use payout_only',
    ]);
    const payoutOnly = parseProgramRules({
      consistency: { ...consistency, action: 'payout_only', applies_to: ['funded'] },
    }).rules;
    expect(crossCheckRules(payoutOnly, program)).toEqual([]);
  });
});

describe('the shipped catalogue (catalog/prop-firms.json)', () => {
  const catalogue = JSON.parse(readFileSync(join(__dirname, '../../../catalog/prop-firms.json'), 'utf8')) as {
    firms: { code: string; meta: Record<string, unknown>; programs: Record<string, unknown>[] }[];
  };

  it('states a trading day for every firm and valid rules for every program', () => {
    for (const firm of catalogue.firms) {
      expect([firm.code, parseFirmTradingDay(firm.meta.trading_day).problems]).toEqual([firm.code, []]);
      expect(parseFirmTradingDay(firm.meta.trading_day).tradingDay).not.toBeNull();
      for (const p of firm.programs) {
        const meta = p.meta as Record<string, unknown>;
        const { rules, problems } = parseProgramRules(meta.rules);
        const cross = crossCheckRules(rules, {
          max_total_loss: (p.max_total_loss as number) ?? null,
          max_daily_loss: (p.max_daily_loss as number) ?? null,
          profit_target: (p.profit_target as number) ?? null,
          meta,
        });
        expect([firm.code, p.name, [...problems, ...cross]]).toEqual([firm.code, p.name, []]);
      }
    }
  });
});
