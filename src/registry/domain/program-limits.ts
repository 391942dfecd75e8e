import { FieldCheck, isJsonObject } from './field-check';
import type { JsonObject } from './registry-records';

/**
 * Program limits the risk, sizing and routing contexts need. They live in program `meta` (the seed's
 * extension point) under these keys; every write of a program validates them.
 */
export const DRAWDOWN_TYPES = [
  'static',
  'eod_trailing',
  'intraday_trailing',
  'eod_trailing_until_lock',
  'intraday_trailing_until_lock',
] as const;
export type DrawdownKind = (typeof DRAWDOWN_TYPES)[number];

export interface LadderRung {
  min_profit: number;
  max_contracts: number;
}

export interface ProgramLimits {
  drawdownType: DrawdownKind | null;
  maxContracts: number | null;
  maxRiskPercent: number | null;
  scalingLadder: LadderRung[];
}

/** Every problem with the limit keys of a program's meta, as "meta.key: message". Other keys are free. */
export function validateProgramLimits(meta: JsonObject, prefix = 'meta.'): string[] {
  const check = new FieldCheck(meta, prefix);
  const dd = meta.drawdown_type;
  if (dd !== undefined && dd !== null && !DRAWDOWN_TYPES.includes(dd as DrawdownKind)) {
    check.fail('drawdown_type', `must be one of ${DRAWDOWN_TYPES.join(', ')}`);
  }
  check.int('max_contracts', { min: 1 });
  check.decimal('max_risk_percent', { places: 6, min: 0, aboveMin: true, max: 1 });
  return [...check.problems, ...validateLadder(meta.scaling_ladder, `${prefix}scaling_ladder`)];
}

export function validateLadder(ladder: unknown, path: string): string[] {
  if (ladder === undefined || ladder === null) return [];
  if (!Array.isArray(ladder)) return [`${path}: must be an array of {min_profit, max_contracts}`];
  const problems: string[] = [];
  ladder.forEach((rung: unknown, i) => {
    if (!isJsonObject(rung)) {
      problems.push(`${path}[${i}]: must be an object {min_profit, max_contracts}`);
      return;
    }
    const check = new FieldCheck(rung, `${path}[${i}].`);
    const minProfit = check.decimal('min_profit', { places: 2, required: true });
    check.int('max_contracts', { min: 1, required: true });
    const unknown = Object.keys(rung).filter((k) => k !== 'min_profit' && k !== 'max_contracts');
    if (unknown.length)
      check.fail(unknown.join(', '), 'unknown field (a rung has min_profit and max_contracts)');
    const previous =
      i > 0 && isJsonObject(ladder[i - 1]) ? (ladder[i - 1] as JsonObject).min_profit : undefined;
    if (minProfit !== null && typeof previous === 'number' && minProfit <= previous) {
      check.fail('min_profit', 'must be greater than the previous rung (ascending order)');
    }
    problems.push(...check.problems);
  });
  return problems;
}

/** The limits as typed values. Tolerant: a value that does not validate reads as absent. */
export function readProgramLimits(meta: JsonObject): ProgramLimits {
  const dd = meta.drawdown_type;
  const maxContracts = meta.max_contracts;
  const risk = meta.max_risk_percent;
  const ladderProblems = validateLadder(meta.scaling_ladder, 'scaling_ladder');
  const ladder = Array.isArray(meta.scaling_ladder) && ladderProblems.length === 0 ? meta.scaling_ladder : [];
  return {
    drawdownType: DRAWDOWN_TYPES.includes(dd as DrawdownKind) ? (dd as DrawdownKind) : null,
    maxContracts:
      Number.isInteger(maxContracts) && (maxContracts as number) >= 1 ? (maxContracts as number) : null,
    maxRiskPercent: typeof risk === 'number' && risk > 0 && risk <= 1 ? risk : null,
    scalingLadder: (ladder as LadderRung[]).map((r) => ({
      min_profit: r.min_profit,
      max_contracts: r.max_contracts,
    })),
  };
}
