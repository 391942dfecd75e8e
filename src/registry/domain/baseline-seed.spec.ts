import {
  BASELINE_ACCOUNT_SIZES,
  BASELINE_FIRMS,
  baselineFirm,
  baselineProgram,
  baselineScalingRule,
  BASELINE_SEED_VERSION,
  genericProgramsToRetire,
  isBaselineProgram,
} from './baseline-seed';

describe('baseline seed (seed Stage 13, seed_v1)', () => {
  it('has the 11 seed firms in the seed order, with unique codes', () => {
    expect(BASELINE_FIRMS.map((f) => f.code)).toEqual([
      'FTMO',
      'APEX',
      'TOPSTEP',
      'MFFU',
      'ALPHA',
      'TOPONE',
      'TRADEIFY',
      'FUNDINGTICKS',
      'FUNDEDNEXT',
      'AQUA',
      'TPT',
    ]);
    expect(new Set(BASELINE_FIRMS.map((f) => f.code)).size).toBe(11);
  });

  it('firms are active, schema 1, with an empty meta', () => {
    expect(baselineFirm(BASELINE_FIRMS[1])).toEqual({
      code: 'APEX',
      name: 'Apex Trader Funding',
      website_url: 'https://apextraderfunding.com',
      status: 'active',
      schema_version: 1,
      meta: {},
    });
  });

  it('programs: 5% daily loss, 10% total loss, 10% target of each account size, exactly', () => {
    expect(BASELINE_ACCOUNT_SIZES).toEqual([50_000, 100_000, 200_000]);
    const p = baselineProgram(7, 'Topstep', 100_000);
    expect(p).toMatchObject({
      firm_id: 7,
      name: 'Topstep 100k Evaluation',
      account_size: 100_000,
      currency: 'USD',
      max_daily_loss: 5000,
      max_total_loss: 10_000,
      profit_target: 10_000,
      min_trading_days: 5,
      max_trading_days: 30,
      payout_split: 0.8,
      schema_version: 1,
    });
    expect(p.meta.source).toBe('seed_v1');
  });

  it('names and amounts stay exact for a size that is not a round thousand', () => {
    expect(baselineProgram(1, 'X', 12_345)).toMatchObject({
      name: 'X 12.345k Evaluation',
      max_daily_loss: 617.25,
      max_total_loss: 1234.5,
    });
  });

  it('one scaling step per program: +25% after 10% profit, at most every 30 days', () => {
    expect(baselineScalingRule(3, 9)).toMatchObject({
      firm_id: 3,
      program_id: 9,
      step_number: 1,
      scale_factor: 1.25,
      profit_target_multiple: 1.1,
      min_days_between_scales: 30,
      max_equity_drawdown: 0.1,
    });
  });
});

describe('genericProgramsToRetire', () => {
  const generic = (id: number) => ({ id, meta: { source: BASELINE_SEED_VERSION } });
  const real = (id: number) => ({ id, meta: { source_url: 'https://firm.example' } });

  it('retires every generic program of a firm that has one real program', () => {
    expect(genericProgramsToRetire([generic(1), real(2), generic(3)]).map((p) => p.id)).toEqual([1, 3]);
  });

  it("keeps a firm's generic programs while they are all it has", () => {
    expect(genericProgramsToRetire([generic(1), generic(2)])).toEqual([]);
    expect(genericProgramsToRetire([])).toEqual([]);
  });

  it('knows a baseline program by its source only', () => {
    expect(isBaselineProgram(baselineProgram(1, 'X', 50_000))).toBe(true);
    expect(isBaselineProgram({ meta: { source: 'seed_v2' } })).toBe(false);
  });
});
