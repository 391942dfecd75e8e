import Decimal from 'decimal.js';
import type { FirmFields, ProgramFields, ScalingRuleFields } from './registry-records';

/** Seed Stage 13's baseline ("seed_v1"): 11 firms in this order, each with 50k/100k/200k generic programs. */
export const BASELINE_SEED_VERSION = 'seed_v1';

export const BASELINE_FIRMS: ReadonlyArray<Pick<FirmFields, 'code' | 'name' | 'website_url'>> = [
  { code: 'FTMO', name: 'FTMO', website_url: 'https://ftmo.com' },
  { code: 'APEX', name: 'Apex Trader Funding', website_url: 'https://apextraderfunding.com' },
  { code: 'TOPSTEP', name: 'Topstep', website_url: 'https://www.topstep.com' },
  { code: 'MFFU', name: 'MyFundedFutures', website_url: 'https://myfundedfutures.com' },
  { code: 'ALPHA', name: 'Alpha Futures', website_url: 'https://alpha-futures.com' },
  { code: 'TOPONE', name: 'Top One Futures', website_url: 'https://toponefutures.com' },
  { code: 'TRADEIFY', name: 'Tradeify', website_url: 'https://tradeify.co' },
  { code: 'FUNDINGTICKS', name: 'FundingTicks', website_url: 'https://fundingticks.com' },
  { code: 'FUNDEDNEXT', name: 'FundedNext Futures', website_url: 'https://fundednext.com/futures' },
  { code: 'AQUA', name: 'AquaFutures', website_url: 'https://aquafutures.io' },
  { code: 'TPT', name: 'Take Profit Trader', website_url: 'https://takeprofittrader.com' },
];

export const BASELINE_ACCOUNT_SIZES = [50_000, 100_000, 200_000] as const;

export function baselineFirm(firm: (typeof BASELINE_FIRMS)[number]): FirmFields {
  return { ...firm, status: 'active', schema_version: 1, meta: {} };
}

export function baselineProgram(firmId: number, firmName: string, accountSize: number): ProgramFields {
  const size = new Decimal(accountSize);
  return {
    firm_id: firmId,
    name: `${firmName} ${size.div(1000).toFixed()}k Evaluation`,
    account_size: accountSize,
    currency: 'USD',
    max_daily_loss: size.mul('0.05').toNumber(),
    max_total_loss: size.mul('0.10').toNumber(),
    profit_target: size.mul('0.10').toNumber(),
    min_trading_days: 5,
    max_trading_days: 30,
    payout_split: 0.8,
    scaling_plan: 'Grow 25% size every 10% net profit',
    schema_version: 1,
    meta: {
      note: 'Baseline generic program: 5% daily loss, 10% total loss, 10% target. Verify against the firm.',
      source: BASELINE_SEED_VERSION,
    },
  };
}

export function baselineScalingRule(firmId: number, programId: number): ScalingRuleFields {
  return {
    firm_id: firmId,
    program_id: programId,
    step_number: 1,
    scale_factor: 1.25,
    profit_target_multiple: 1.1,
    min_days_between_scales: 30,
    max_equity_drawdown: 0.1,
    meta: { note: 'Baseline scaling: +25% size after 10% net profit, at most every 30 days.' },
  };
}

/** A program the baseline seed made (generic 5 %/10 %/10 % numbers, not a firm's real rules). */
export function isBaselineProgram(program: { meta: Record<string, unknown> }): boolean {
  return program.meta.source === BASELINE_SEED_VERSION;
}

/**
 * The generic seed programs to retire beside a firm's real ones: all of a firm's baseline programs once it has
 * at least one program of its own (imported from the catalogue or created); none while it has only them.
 */
export function genericProgramsToRetire<P extends { meta: Record<string, unknown> }>(
  programsOfFirm: P[],
): P[] {
  const generic = programsOfFirm.filter(isBaselineProgram);
  return generic.length < programsOfFirm.length ? generic : [];
}
