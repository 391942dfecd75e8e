import { performance } from 'node:perf_hooks';
import type { BenchContext } from '../support/context';
import { Check, figure, ScenarioResult } from '../support/figures';
import { summarize } from '../support/stats';
import { cataloguePrograms } from '../../test/risk/support/catalogue';
import { aTrade, catalogueSimulator } from '../../test/simulator/support/catalogue-simulator';

const SCENARIO = 'Simulator';
const TRADES = 10_000;
const TARGET_REPLAY_MS = 1000;
const TARGET_SEARCH_MS = 5000;

/**
 * Issue 19's speed figures, in process (no database: the shipped catalogue, the real rule book and sizing):
 * 10,000 trades × every catalogue program, as traded; then the risk-% search over the re-sized replay. The
 * trades win and lose the same (1 MES point, 20 a day, 10:00–13:20 New York, weekdays), so no program passes or
 * fails early: every trade is replayed on every program (the slowest case).
 */
export async function benchSimulator(ctx: BenchContext): Promise<ScenarioResult> {
  const { simulator } = catalogueSimulator();
  const trades = benchTrades();
  const runs = ctx.quick ? 2 : 5;
  const replay: number[] = [];
  // CPU time (user + system) beside the wall time: on a shared machine the wall time includes waiting for a core
  const replayCpu: number[] = [];
  let replayed = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await simulator.replay({ trades, programs: { all: true }, sizing: { mode: 'as_traded' } });
    replay.push(performance.now() - t0);
    replayCpu.push(cpuMs(process.cpuUsage(c0)));
    replayed = r.verdicts.reduce((n, v) => n + v.tradesReplayed + v.skipped.count, 0);
  }
  ctx.log(`simulator: replay ${replay.map((m) => m.toFixed(0)).join(', ')} ms`);
  ctx.log(`simulator: replay CPU ${replayCpu.map((m) => m.toFixed(0)).join(', ')} ms`);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const searched = await simulator.replay({
    trades,
    programs: { all: true },
    sizing: { mode: 'as_traded' },
    search: { step: '0.0005', max: '0.02', stopPoints: '10' },
  });
  const searchMs = performance.now() - t0;
  const searchCpuMs = cpuMs(process.cpuUsage(c0));
  const replays = searched.search!.reduce((n, s) => n + s.replays, 0);
  const median = summarize(replay).p50;
  const checks: Check[] = [
    {
      name: 'every trade reached every program',
      ok: replayed === TRADES * cataloguePrograms.length,
      detail: `${replayed} trade × program pairs (expected ${TRADES * cataloguePrograms.length})`,
    },
  ];
  return {
    figures: [
      figure({
        id: 'simulator-replay-ms',
        scenario: SCENARIO,
        label: `replay ${TRADES} trades × ${cataloguePrograms.length} programs (median of ${runs})`,
        value: median,
        unit: 'ms',
        better: 'lower',
        target: TARGET_REPLAY_MS,
      }),
      figure({
        id: 'simulator-replay-cpu-ms',
        scenario: SCENARIO,
        label: `replay ${TRADES} × ${cataloguePrograms.length}: CPU time (median of ${runs}; the first: ${replayCpu[0].toFixed(0)} ms)`,
        value: summarize(replayCpu).p50,
        unit: 'ms',
        better: 'lower',
      }),
      figure({
        id: 'simulator-search-cpu-ms',
        scenario: SCENARIO,
        label: 'risk-% search: CPU time',
        value: searchCpuMs,
        unit: 'ms',
        better: 'lower',
      }),
      figure({
        id: 'simulator-search-ms',
        scenario: SCENARIO,
        label: `risk-% search, ${cataloguePrograms.length} programs (0.05 % steps to 2 %, ${replays} replays)`,
        value: searchMs,
        unit: 'ms',
        better: 'lower',
        target: TARGET_SEARCH_MS,
      }),
    ],
    checks,
    details: {
      replayMs: replay,
      replayCpuMs: replayCpu,
      searchMs,
      searchCpuMs,
      replays,
      trades: TRADES,
      programs: cataloguePrograms.length,
    },
  };
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function benchTrades() {
  const day = 86_400_000;
  const start = Date.parse('2026-01-05T15:00:00Z'); // a Monday, 10:00 New York
  const out = [];
  let d = 0;
  while (out.length < TRADES) {
    const date = start + d++ * day;
    const weekday = new Date(date).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let i = 0; i < 20 && out.length < TRADES; i++) {
      const entry = new Date(date + i * 600_000);
      out.push(
        aTrade({
          symbol: 'MES',
          pointValue: 5,
          entryPrice: '6000',
          entry: entry.toISOString(),
          exit: new Date(entry.getTime() + 300_000).toISOString(),
          points: out.length % 2 ? '-1' : '1',
          worstPoints: '2',
          bestPoints: '2',
        }),
      );
    }
  }
  return out;
}
