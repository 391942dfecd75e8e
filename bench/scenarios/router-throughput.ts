import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { normalizeSignal } from '../../src/routing/domain/normalize-signal';
import { CLAIM, COMPLETE_MANY } from '../../src/routing/infrastructure/persistence/task-queue.sql';
import { BenchContext, start, withDatabase } from '../support/context';
import { Check, figure, Figure, ScenarioResult } from '../support/figures';
import { BENCH_FIRMS, dryRunFirmEnv } from '../support/platform-fakes';
import type { ServiceHandle as Service } from '../../test/support/service-process';
import { processCpuMs } from '../support/stage-trace';
import { sleep } from '../support/stats';
import { entryBody, programIdsFor } from '../support/webhook';

const SCENARIO = 'Router throughput';
const TARGET_RATE = 1000;
const BATCH_SIZE = 20; // the service's default ROUTER_BATCH_SIZE
const LEASE_MS = 30_000;
const ROUTER_COUNTS = [1, 2];
const CHANNEL = 'execution_tasks';

interface Drain {
  routers: number;
  tasks: number;
  /** Tasks completed per second, from the commit of the filled queue to the last completion. */
  rate: number;
  elapsedMs: number;
  completed: number;
  logs: number;
  failed: number;
  duplicateLogs: number;
  perRouter: Record<string, number>;
  /** The router processes' user + system CPU over the drain (/proc, 10 ms ticks), per task; service runs only. */
  cpuUsPerTask?: number | null;
  /** The database's backends' user + system CPU over the drain, per task (null: Postgres not on this host). */
  pgCpuUsPerTask: number | null;
  /** Transactions committed in the database over the drain, per task (pg_stat_database; ≈ statements). */
  commitsPerTask: number | null;
}

/** The CPU (ms) of the database's backends other than `c`'s own, by pid; null when Postgres is not local. */
async function backendsCpuMs(c: Client): Promise<Map<number, number> | null> {
  const host = c.host;
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host) || host.startsWith('/');
  if (!local) return null;
  const r = await c.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  const out = new Map<number, number>();
  for (const { pid } of r.rows) {
    const ms = processCpuMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

async function commits(c: Client): Promise<number> {
  const r = await c.query<{ n: string }>(
    'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(r.rows[0].n);
}

/** The router processes' CPU so far (ms), or null when a /proc entry cannot be read. */
function servicesCpuMs(services: Service[]): number | null {
  const each = services.map((s) => processCpuMs(s.pid));
  return each.some((v) => v === null) ? null : each.reduce<number>((a, v) => a + v!, 0);
}

interface Level {
  routers: number;
  service: Drain;
  floor: Drain;
}

/**
 * Tasks completed per second for a queue of 20,000 entries (3 firms × 1 program, dry-run) filled in one
 * transaction in the intake's shape, drained by 1 and then 2 router processes on one database; beside
 * the same number of bare SQL loops doing only the claim and the completion at the same batch size.
 */
export async function benchRouterThroughput(ctx: BenchContext): Promise<ScenarioResult> {
  const tasks = ctx.quick ? 2000 : 20_000;
  const levels: Level[] = [];
  for (const routers of ROUTER_COUNTS) {
    levels.push(await withDatabase((db) => measureLevel(ctx, db.url, routers, tasks)));
  }
  return report(levels);
}

async function measureLevel(ctx: BenchContext, url: string, routers: number, tasks: number): Promise<Level> {
  const env = {
    ...dryRunFirmEnv(),
    DATABASE_URL: url,
    ROUTER_ENABLED: 'true',
    ROUTER_BATCH_SIZE: String(BATCH_SIZE),
    ROUTER_LEASE_MS: String(LEASE_MS),
  };
  // One after the other: the first applies the migrations and seeds the registry.
  const services: Service[] = [];
  try {
    for (let i = 0; i < routers; i++) services.push(await start(ctx, `router-${routers}x-${i + 1}`, env));
    const template = await taskTemplate(url);
    ctx.log(`router: ${tasks} tasks, ${routers} router process(es)`);
    const cpuBefore = servicesCpuMs(services);
    const service = await drain(url, template, `rt${routers}`, tasks, routers, TARGET_RATE);
    const cpuAfter = servicesCpuMs(services);
    service.cpuUsPerTask =
      cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / tasks;
    await Promise.all(services.splice(0).map((s) => s.stop()));
    ctx.log(`router: ${tasks} tasks, ${routers} bare claim-and-complete loop(s) (floor)`);
    const floor = await drain(url, template, `floor${routers}`, tasks, routers, TARGET_RATE, () =>
      bareLoops(url, routers),
    );
    return { routers, service, floor };
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
}

/** The payload the intake stores for a bench entry: the normalized signal, as PgTaskQueue writes it. */
async function taskTemplate(url: string): Promise<string> {
  const programIds = await programIdsFor(url, BENCH_FIRMS);
  const normalized = normalizeSignal(JSON.parse(entryBody('template', BENCH_FIRMS, programIds)));
  if (!normalized.ok) throw new Error(`bench signal is invalid: ${normalized.problems.join('; ')}`);
  return JSON.stringify(normalized.signal);
}

/**
 * Fills the queue with `tasks` pending entries in one transaction that also NOTIFYs the routers, then
 * waits until every one is COMPLETED (or the time allowed for a fifth of the target rate is up).
 * `worker`, when given, is started right after the commit and does the draining itself (the floor).
 */
async function drain(
  url: string,
  template: string,
  prefix: string,
  tasks: number,
  routers: number,
  targetRate: number,
  worker?: () => BareLoops,
): Promise<Drain> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO execution_tasks (trade_id, event_type, payload)
       SELECT $1 || '-' || g, 'entry', jsonb_set($2::jsonb, '{trade_id}', to_jsonb($1 || '-' || g))
       FROM generate_series(1, $3::int) g`,
      [prefix, template, tasks],
    );
    // diagnostics (issue 20): where the drain's CPU goes besides the routers, and how many commits it takes
    const pgBefore = await backendsCpuMs(c);
    const commitsBefore = await commits(c);
    await c.query(`SELECT pg_notify('${CHANNEL}', '0')`);
    await c.query('COMMIT');
    // The floor plans with fresh statistics; the service has to cope with what autovacuum has (none yet).
    if (worker) await c.query('ANALYZE execution_tasks');
    const committed = performance.now();
    const { rows } = await c.query<{ t: Date }>('SELECT clock_timestamp() AS t');
    const startedAt = rows[0].t;
    const bare = worker?.();
    const allowMs = 60_000 + (tasks / (targetRate / 5)) * 1000;
    const count = () => countCompleted(c, prefix);
    while ((await count()) < tasks && performance.now() - committed < allowMs) await sleep(bare ? 200 : 50);
    // before the bare loops' pools close their connections (and take their backends' CPU with them)
    const pgAfter = await backendsCpuMs(c);
    await bare?.stop();
    // the counted commits include this client's own (the insert's, the bench's polls)
    const commitsDuring = (await commits(c)) - commitsBefore;
    const drained = await summarizeDrain(c, prefix, tasks, routers, startedAt);
    let pgMs: number | null = null;
    if (pgBefore && pgAfter) {
      // a backend opened during the drain counts from 0; one closed during it is not counted
      pgMs = 0;
      for (const [pid, ms] of pgAfter) pgMs += ms - (pgBefore.get(pid) ?? 0);
    }
    return {
      ...drained,
      pgCpuUsPerTask: pgMs === null ? null : (pgMs * 1000) / tasks,
      commitsPerTask: commitsDuring / tasks,
    };
  } finally {
    await c.end();
  }
}

async function countCompleted(c: Client, prefix: string): Promise<number> {
  const r = await c.query<{ n: string }>(
    `SELECT count(*) AS n FROM execution_tasks WHERE status = 'COMPLETED' AND trade_id LIKE $1 || '-%'`,
    [prefix],
  );
  return Number(r.rows[0].n);
}

async function summarizeDrain(
  c: Client,
  prefix: string,
  tasks: number,
  routers: number,
  startedAt: Date,
): Promise<Omit<Drain, 'pgCpuUsPerTask' | 'commitsPerTask'>> {
  const r = await c.query<{ completed: string; failed: string; last: Date | null }>(
    `SELECT count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
            count(*) FILTER (WHERE status = 'FAILED') AS failed, max(completed_at) AS last
     FROM execution_tasks WHERE trade_id LIKE $1 || '-%'`,
    [prefix],
  );
  const logs = await c.query<{ logs: string; dup: string }>(
    `SELECT count(*) AS logs, count(*) - count(DISTINCT l.task_id) AS dup
     FROM execution_logs l JOIN execution_tasks t ON t.id = l.task_id WHERE t.trade_id LIKE $1 || '-%'`,
    [prefix],
  );
  const by = await c.query<{ locked_by: string | null; n: string }>(
    `SELECT locked_by, count(*) AS n FROM execution_tasks WHERE trade_id LIKE $1 || '-%' GROUP BY locked_by`,
    [prefix],
  );
  const completed = Number(r.rows[0].completed);
  const last = r.rows[0].last;
  const elapsedMs = last ? Math.max(1, last.getTime() - startedAt.getTime()) : NaN;
  return {
    routers,
    tasks,
    rate: completed === tasks ? tasks / (elapsedMs / 1000) : NaN,
    elapsedMs,
    completed,
    logs: Number(logs.rows[0].logs),
    failed: Number(r.rows[0].failed),
    duplicateLogs: Number(logs.rows[0].dup),
    perRouter: Object.fromEntries(by.rows.map((row) => [row.locked_by ?? '(none)', Number(row.n)])),
  };
}

interface BareLoops {
  stop(): Promise<void>;
}

const RESULT = {
  routed: false,
  dry_run: true,
  event_type: 'entry',
  trade_id: 'floor',
  details: 'bare claim-and-complete loop',
  risk_checks: BENCH_FIRMS.map((f) => ({
    firm_code: f,
    status: 'APPROVED',
    rule: null,
    reason: null,
    details: {},
  })),
  program_sizing: [],
  connector_results: BENCH_FIRMS.map((f) => ({
    firm_code: f,
    status: 'SKIPPED',
    external_order_id: null,
    raw_response: null,
    error_message: 'GLOBAL_DRY_RUN_ENABLED',
  })),
};

/**
 * `loops` workers, each like one router process: claim a batch with the service's own statement, complete
 * its tasks with the service's completion statement (one per batch, as the service merges them) and a
 * canned result, repeat.
 */
function bareLoops(url: string, loops: number): BareLoops {
  const pools = Array.from({ length: loops }, () => new Pool({ connectionString: url, max: BATCH_SIZE }));
  let stopping = false;
  const loop = async (pool: Pool, id: string) => {
    while (!stopping) {
      const r = await pool.query<{ id: string; attempts: number }>(CLAIM, [id, LEASE_MS, BATCH_SIZE]);
      if (r.rows.length === 0) {
        await sleep(20);
        continue;
      }
      const done = r.rows.map((t) => ({ id: t.id, locked_by: id, attempts: t.attempts, body: RESULT }));
      await pool.query(COMPLETE_MANY, [JSON.stringify(done)]);
    }
  };
  const running = pools.map((p, i) => loop(p, `bare-${i + 1}`));
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(running);
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

const TARGET_TIMES_BARE_LOOP = 0.8;
const TARGET_SECOND_PROCESS_ADDS = 0.6;

function routerTarget(l: Level, levels: Level[]): { target?: number; note?: string } {
  if (l.routers === 1 && Number.isFinite(l.floor.rate))
    return {
      target: l.floor.rate * TARGET_TIMES_BARE_LOOP,
      note: `target ${TARGET_TIMES_BARE_LOOP}× the bare loop`,
    };
  const one = levels.find((x) => x.routers === 1)?.service.rate;
  if (l.routers === 2 && one !== undefined && Number.isFinite(one))
    return {
      target: one * (1 + TARGET_SECOND_PROCESS_ADDS),
      note: `target: the second process adds ${TARGET_SECOND_PROCESS_ADDS}× of one router's rate`,
    };
  return {};
}

function report(levels: Level[]): ScenarioResult {
  const figures: Figure[] = levels.map((l) =>
    figure({
      id: `router.r${l.routers}.tasks_per_s`,
      scenario: SCENARIO,
      label: `tasks completed/s, ${l.routers} router${l.routers > 1 ? 's' : ''}, ${l.service.tasks} queued`,
      value: l.service.rate,
      unit: '/s',
      better: 'higher',
      floor: {
        label: `bare claim+complete SQL, ${l.routers} loop${l.routers > 1 ? 's' : ''}`,
        value: l.floor.rate,
      },
      // issue 20: one router ≥ 0.8× the bare loop; a second process adds ≥ 0.6× of one router's rate
      ...routerTarget(l, levels),
    }),
  );
  figures.push(
    ...levels.map((l) =>
      figure({
        id: `router.r${l.routers}.cpu_us_per_task`,
        scenario: SCENARIO,
        label: `router processes' CPU per task, ${l.routers} router${l.routers > 1 ? 's' : ''}`,
        value: l.service.cpuUsPerTask ?? null,
        unit: 'µs',
        better: 'lower',
        note: 'user + system of the router processes over the drain, /proc/<pid>/stat (10 ms ticks)',
      }),
    ),
  );
  for (const l of levels) {
    const r = `${l.routers} router${l.routers > 1 ? 's' : ''}`;
    figures.push(
      figure({
        id: `router.r${l.routers}.pg_cpu_us_per_task`,
        scenario: SCENARIO,
        label: `Postgres backends' CPU per task, ${r} (diagnostic)`,
        value: l.service.pgCpuUsPerTask,
        unit: 'µs',
        better: 'lower',
        floor: { label: `the bare loop's`, value: l.floor.pgCpuUsPerTask },
        note: `commits per task: ${fmt(l.service.commitsPerTask)} (bare loop ${fmt(l.floor.commitsPerTask)}); /proc/<pid>/stat of the database's backends`,
      }),
    );
  }
  const checks: Check[] = levels.map((l) => {
    const s = l.service;
    const ok = s.completed === s.tasks && s.logs === s.tasks && s.failed === 0 && s.duplicateLogs === 0;
    const shares = Object.values(s.perRouter).join(' + ');
    return {
      name: `router (${l.routers} process${l.routers > 1 ? 'es' : ''}): every task completed once`,
      ok,
      detail: `${s.completed}/${s.tasks} COMPLETED, ${s.failed} FAILED, ${s.logs} logs (${s.duplicateLogs} duplicate); per router ${shares}`,
    };
  });
  return { figures, checks, details: { batchSize: BATCH_SIZE, levels } };
}

function fmt(v: number | null): string {
  return v === null ? '?' : v.toFixed(3);
}
