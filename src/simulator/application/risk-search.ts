import Decimal from 'decimal.js';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type { RuleBook } from '../../risk/application/ports/rule-book.port';
import type { PositionSizer } from '../../sizing/application/ports/position-sizer.port';
import { AppError } from '../../platform/errors/app-error';
import type { TradeRecord } from '../domain/trade-record';
import type { ProgramVerdict } from '../domain/verdict';
import type { RiskSearch, RiskSearchResult } from './ports/replay-simulator.port';
import { replayProgram } from './program-replay';
import type { SetupFactory } from './program-setups';
import { quantitiesFor } from './trade-sizing';

const MAX_STEPS = 10_000;

export interface SearchTools {
  rules: RuleBook;
  sizer: PositionSizer;
  factory: SetupFactory;
  trades: readonly TradeRecord[];
}

/**
 * The highest risk % (a multiple of `step`, up to `max`) whose re-sized replay is not FAILED, found by bisection
 * (more risk, larger losses: failing is taken to be monotone in risk; a step above the program's own max risk %,
 * where sizing refuses every trade, counts as failing), then checked: it is returned when that replay PASSED,
 * with the verdict one step above it (the step that fails).
 */
export async function searchRisk(
  tools: SearchTools,
  programs: readonly ProgramRecord[],
  search: RiskSearch,
  distances: readonly Decimal[],
): Promise<RiskSearchResult[]> {
  const step = new Decimal(search.step);
  const max = new Decimal(search.max);
  if (!step.gt(0) || !max.gte(step)) throw AppError.validation(['search: step must be > 0 and max ≥ step']);
  const top = max.divToInt(step).toNumber();
  if (top > MAX_STEPS) throw AppError.validation([`search: at most ${MAX_STEPS} steps (max ÷ step)`]);
  const out: RiskSearchResult[] = [];
  for (const p of programs) out.push(await searchOne(tools, p, step, top, distances));
  return out;
}

async function searchOne(
  tools: SearchTools,
  program: ProgramRecord,
  step: Decimal,
  top: number,
  distances: readonly Decimal[],
): Promise<RiskSearchResult> {
  const seen = new Map<number, ProgramVerdict>();
  const failed = async (k: number) => {
    const v = seen.get(k) ?? (await replayAt(tools, program, step.times(k).toString(), distances));
    seen.set(k, v);
    return stops(v);
  };
  let lo = 0;
  let hi = top + 1;
  if (!(await failed(top))) lo = top;
  else
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await failed(mid)) hi = mid;
      else lo = mid;
    }
  return resultOf(program, step, top, lo, hi, seen);
}

/** A step fails, or is above what the program's sizing allows (every trade refused for MAX_RISK_PERCENT). */
function stops(v: ProgramVerdict): boolean {
  return v.status === 'FAILED' || (v.tradesReplayed === 0 && (v.skipped.byRule.MAX_RISK_PERCENT ?? 0) > 0);
}

async function replayAt(
  tools: SearchTools,
  program: ProgramRecord,
  riskPercent: string,
  distances: readonly Decimal[],
) {
  const q = await quantitiesFor(
    tools.sizer,
    [program],
    tools.trades,
    { mode: 'risk', riskPercent },
    distances,
  );
  const setup = tools.factory.setup(
    program,
    { mode: 'risk', riskPercent: Number(riskPercent) },
    false,
    distances,
  );
  return replayProgram(tools.rules, setup, tools.trades, q.get(program.id)!);
}

function resultOf(
  program: ProgramRecord,
  step: Decimal,
  top: number,
  lo: number,
  hi: number,
  seen: Map<number, ProgramVerdict>,
): RiskSearchResult {
  const above = hi <= top ? seen.get(hi)! : null;
  const base = {
    programId: program.id,
    step: step.toNumber(),
    replays: seen.size,
    nextStep: above && {
      riskPercent: step.times(hi).toNumber(),
      status: above.status,
      rule: above.failure?.rule ?? (stops(above) ? 'MAX_RISK_PERCENT' : null),
    },
  };
  if (lo === 0) return { ...base, highestPassing: null, note: 'the replay fails from the first step' };
  const v = seen.get(lo)!;
  if (v.status === 'PASSED') return { ...base, highestPassing: step.times(lo).toNumber(), note: null };
  const percent = step.times(lo).times(100).toString();
  return {
    ...base,
    highestPassing: null,
    note: `at ${percent} % (the highest step that does not fail) the replay is ${v.status}: ${v.notYet.join('; ')}`,
  };
}
