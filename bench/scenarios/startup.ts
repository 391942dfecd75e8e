import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchContext, start, withDatabase } from '../support/context';
import { Check, figure, Figure, ScenarioResult } from '../support/figures';
import { dryRunFirmEnv } from '../support/platform-fakes';
import { freePort, ServiceHandle as Service } from '../../test/support/service-process';
import { sleep, summarize, Summary } from '../support/stats';

const SCENARIO = 'Footprint';
/** Issue 20: warm start to ready ≤ 1.0 s; idle RSS ≤ 150 MB. */
const TARGET_WARM_START_MS = 1000;
const TARGET_IDLE_RSS_MB = 150;
const READY_TIMEOUT_MS = 90_000;

interface Start {
  ms: number;
  idleRssMb: number | null;
}

interface Measured {
  embeddedCold: Start;
  embeddedWarm: Start[];
  externalCold: Start | null;
  externalWarm: Start | null;
  /** A bare Node HTTP server: spawn to its first 200. */
  nodeFloor: Summary;
}

/**
 * Start to the first 200 of /api/health/ready: on the embedded database (DATABASE_URL unset) with an
 * empty data dir (initdb, migrations, seed), then again on the same dir (warm); and on the machine's
 * Postgres, a fresh database then the same one again. Floor: a bare Node HTTP server's start.
 */
export async function benchStartup(ctx: BenchContext): Promise<ScenarioResult> {
  const warmRuns = ctx.quick ? 1 : 3;
  const nodeFloor = summarize(await times(warmRuns + 2, bareNodeStart));
  // Under /tmp (mode 1777) with 0755 parents: the embedded Postgres runs as the postgres OS user.
  const root = mkdtempSync('/tmp/proprouter-bench-start-');
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const killOrphan = () => killPostmaster(dataDir);
  process.on('exit', killOrphan);
  try {
    const env = { ...dryRunFirmEnv(), ROUTER_ENABLED: 'true', PROPROUTER_DATA_DIR: dataDir };
    ctx.log('startup: embedded database, empty data dir (cold)');
    const embeddedCold = await startStop(ctx, 'start-embedded-cold', env);
    const embeddedWarm: Start[] = [];
    for (let i = 0; i < warmRuns; i++) {
      ctx.log(`startup: embedded database, same data dir (warm ${i + 1}/${warmRuns})`);
      embeddedWarm.push(await startStop(ctx, `start-embedded-warm-${i + 1}`, env));
    }
    // Quick mode (CI) keeps only the embedded starts, which carry the target.
    const external = ctx.quick
      ? { cold: null, warm: null }
      : await withDatabase(async (db) => {
          const dbEnv = { ...env, DATABASE_URL: db.url };
          ctx.log('startup: machine Postgres, fresh database then again');
          const cold = await startStop(ctx, 'start-external-cold', dbEnv);
          const warm = await startStop(ctx, 'start-external-warm', dbEnv);
          return { cold, warm };
        });
    return report({
      embeddedCold,
      embeddedWarm,
      externalCold: external.cold,
      externalWarm: external.warm,
      nodeFloor,
    });
  } finally {
    killOrphan();
    process.removeListener('exit', killOrphan);
    rmSync(root, { recursive: true, force: true });
  }
}

async function startStop(ctx: BenchContext, label: string, env: Record<string, string>): Promise<Start> {
  const service: Service = await start(ctx, label, env, READY_TIMEOUT_MS);
  try {
    await sleep(200); // let start-up garbage settle before reading the idle footprint
    return { ms: service.startMs, idleRssMb: service.rssMb() };
  } finally {
    await service.stop();
  }
}

async function times(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

/** Spawn to the first 200 of a Node process that only listens and answers. */
async function bareNodeStart(): Promise<number> {
  const port = await freePort();
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  try {
    const deadline = t0 + 10_000;
    while (performance.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
    return NaN;
  } finally {
    child.kill('SIGKILL');
  }
}

/** After an interrupted run the embedded postmaster would outlive its SIGKILLed service: stop it. */
function killPostmaster(dataDir: string): void {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // already gone
  }
}

function report(m: Measured): ScenarioResult {
  const warm = summarize(m.embeddedWarm.map((s) => s.ms));
  const floor = (label: string, value: number) => ({ label, value });
  const nodeP50 = floor('bare Node HTTP server start, p50', m.nodeFloor.p50);
  const base = { scenario: SCENARIO, unit: 'ms', better: 'lower' as const };
  const figures: Figure[] = [
    figure({
      ...base,
      id: 'startup.embedded.cold_ms',
      label: 'cold start to ready, embedded DB, empty dir',
      value: m.embeddedCold.ms,
      floor: nodeP50,
      note: 'initdb, first start, migrations and registry seed',
    }),
    figure({
      ...base,
      id: 'startup.embedded.warm_ms',
      label: `warm start to ready, embedded DB (median of ${m.embeddedWarm.length})`,
      value: warm.p50,
      floor: nodeP50,
      target: TARGET_WARM_START_MS,
    }),
    figure({
      ...base,
      id: 'startup.external.cold_ms',
      label: 'start to ready, machine Postgres, fresh DB',
      value: m.externalCold?.ms ?? null,
      floor: nodeP50,
    }),
    figure({
      ...base,
      id: 'startup.external.warm_ms',
      label: 'start to ready, machine Postgres, migrated DB',
      value: m.externalWarm?.ms ?? null,
      floor: nodeP50,
    }),
    figure({
      id: 'footprint.idle_rss_mb',
      scenario: SCENARIO,
      label: 'RSS idle after warm start, embedded DB (service only)',
      value: m.embeddedWarm[m.embeddedWarm.length - 1].idleRssMb,
      unit: 'MB',
      better: 'lower',
      target: TARGET_IDLE_RSS_MB,
    }),
  ];
  const checks: Check[] = [
    {
      name: 'startup: every start reached ready',
      ok: [m.embeddedCold, ...m.embeddedWarm, m.externalCold, m.externalWarm].every(
        (s) => s === null || Number.isFinite(s.ms),
      ),
      detail: `embedded cold ${fmt(m.embeddedCold.ms)}, warm ${m.embeddedWarm.map((s) => fmt(s.ms)).join(', ')}; external ${m.externalCold ? fmt(m.externalCold.ms) : '-'} / ${m.externalWarm ? fmt(m.externalWarm.ms) : '-'}`,
    },
  ];
  return { figures, checks, details: { ...m, embeddedWarmSummary: warm } };
}

const fmt = (ms: number) => `${Math.round(ms)} ms`;
