import Decimal from 'decimal.js';
import { rungFor, ScalingRung } from './scaling-ladder';
import { dec } from './sizing-decimal';

/** Per firm × program overrides from env (`{FIRM}_{PROGRAM_ID}_MAX_CONTRACTS`, ...); absent = not set. */
export interface ProgramRuleOverrides {
  maxContracts?: number;
  minContracts?: number;
  maxRiskPercent?: Decimal;
  pointValue?: Decimal;
}

/** What the registry knows about a program that sizing uses. */
export interface ProgramLimits {
  accountSize: number;
  maxContracts: number | null;
  maxRiskPercent: number | null;
  scalingLadder: readonly ScalingRung[];
}

export interface MaxContractsLimit {
  value: number;
  source: 'env' | 'registry' | 'scaling_ladder' | 'account';
  rung?: ScalingRung;
}

export interface MaxRiskPercentLimit {
  value: Decimal;
  source: 'env' | 'registry' | 'global';
}

export interface SizingLimits {
  maxContracts: MaxContractsLimit | null;
  minContracts: number | null;
  maxRiskPercent: MaxRiskPercentLimit;
}

/**
 * Env wins over the registry. Without an env value, a scaling ladder sets max contracts from the
 * account's profit (never above the program's own max); without a ladder, the program's max applies.
 * Max risk percent falls back to the global safety cap, so no program sizes an unbounded bet.
 */
export function resolveLimits(
  env: ProgramRuleOverrides,
  program: ProgramLimits | null,
  globalMaxRiskPercent: Decimal,
  accountProfit: number | null,
): SizingLimits {
  return {
    maxContracts: resolveMaxContracts(env, program, accountProfit),
    minContracts: env.minContracts ?? null,
    maxRiskPercent: resolveMaxRiskPercent(env, program, globalMaxRiskPercent),
  };
}

/**
 * The account profits at which `resolveLimits` may answer differently (a scaling ladder's thresholds above its
 * first rung, ascending; a threshold is reached at exactly its value); none when env sets max contracts or the
 * program has no ladder. Every profit from one of them up to the next (or below the first, or unknown) resolves
 * alike: a caller sizing an account whose profit moves asks once per band.
 */
export function profitBreaks(env: ProgramRuleOverrides, program: ProgramLimits | null): number[] {
  if (env.maxContracts !== undefined || !program || program.scalingLadder.length === 0) return [];
  const first = rungFor(program.scalingLadder, null)!;
  const thresholds = program.scalingLadder.map((r) => r.min_profit).filter((p) => p > first.min_profit);
  return [...new Set(thresholds)].sort((a, b) => a - b);
}

function resolveMaxContracts(
  env: ProgramRuleOverrides,
  program: ProgramLimits | null,
  accountProfit: number | null,
): MaxContractsLimit | null {
  if (env.maxContracts !== undefined) return { value: env.maxContracts, source: 'env' };
  if (!program) return null;
  const rung = rungFor(program.scalingLadder, accountProfit);
  if (rung) {
    const value =
      program.maxContracts === null ? rung.max_contracts : Math.min(rung.max_contracts, program.maxContracts);
    return { value, source: 'scaling_ladder', rung };
  }
  return program.maxContracts === null ? null : { value: program.maxContracts, source: 'registry' };
}

function resolveMaxRiskPercent(
  env: ProgramRuleOverrides,
  program: ProgramLimits | null,
  globalMaxRiskPercent: Decimal,
): MaxRiskPercentLimit {
  if (env.maxRiskPercent !== undefined) return { value: dec(env.maxRiskPercent), source: 'env' };
  if (program?.maxRiskPercent != null) return { value: dec(program.maxRiskPercent), source: 'registry' };
  return { value: dec(globalMaxRiskPercent), source: 'global' };
}
