/**
 * PropRouter's benchmark suite (issue 7): intake, signal to order, router throughput and footprint, each
 * figure beside its floor measured in the same run. Talks only to 127.0.0.1 and stops by itself.
 *   npm run bench                      full run (several minutes)
 *   npm run bench -- --quick           under 2 minutes; fails only below half a target (twice a latency one),
 *                                      in a second run of the scenario when the first was beyond it
 *   npm run bench -- --quick --gate=checks   the same figures (each measured once), but only scenario errors and the correctness checks
 *                                      (every commit, one order per signal and firm, no duplicates) fail the run
 *   npm run bench -- --quick --waive=router.r1.tasks_per_s,fanout.r20.last_p99_ms   every figure gates but these (reported)
 *   npm run bench -- --only=intake,router --profile --log-level=info
 *   npm run bench -- --only=fan-out       one alert to 20 trading accounts on 3 platforms, 20 and 100 signals/s
 *   npm run bench -- --only=login-flood   webhook latency idle and under a wrong-login flood (not in --quick)
 *   npm run bench -- --only=simulator     10,000 trades × every catalogue program, and the risk-% search (in process)
 *   npm run bench -- --only=sync-stream   platform event → account state over Tradovate's user WebSocket, sync CPU
 *   npm run bench -- --only=dead-receiver signal → order with notifications off, then with channels at dead receivers
 *                                      (not in --quick unless named; `--quick --only=dead-receiver` measures 4 s a run)
 * Writes bench/results/latest.json; with --profile, CPU profiles and their hot spots under bench/results/profiles.
 */
import { join, resolve } from 'node:path';
import { benchDeadReceiver } from './scenarios/dead-receiver';
import { benchFanOut } from './scenarios/fan-out';
import { benchIntake } from './scenarios/intake';
import { benchLoginFlood } from './scenarios/login-flood';
import { benchRouterThroughput } from './scenarios/router-throughput';
import { benchSignalToOrder } from './scenarios/signal-to-order';
import { benchSimulator } from './scenarios/simulator';
import { benchStartup } from './scenarios/startup';
import { benchSyncStream } from './scenarios/sync-stream';
import { dropAllTestDatabases } from '../test/support/test-database';
import type { BenchContext } from './support/context';
import type { Check, Figure, ScenarioResult } from './support/figures';
import { summarizeProfiles } from './support/profile-summary';
import { describeMachine, gitRevision, renderChecks, renderTable, writeJson } from './support/report';
import { killAllServices } from '../test/support/service-process';

const RESULTS = resolve(__dirname, '..', '..', 'bench', 'results');
const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  intake: benchIntake,
  'signal-to-order': benchSignalToOrder,
  'fan-out': benchFanOut,
  router: benchRouterThroughput,
  startup: benchStartup,
  'login-flood': benchLoginFlood,
  'sync-stream': benchSyncStream,
  'dead-receiver': benchDeadReceiver,
  simulator: benchSimulator,
};

/** Longer than the 20 s a quick scenario may take (a service start, then 2 × 5 s of measuring and more). */
// dead-receiver: two service starts (~45 s in all), too long for every commit's quick run
const NOT_IN_QUICK = new Set(['login-flood', 'dead-receiver']);

function parseArgs(argv: string[]) {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = argv.includes('--quick');
  const only =
    value('only')?.split(',') ?? Object.keys(SCENARIOS).filter((s) => !(quick && NOT_IN_QUICK.has(s)));
  const unknown = only.filter((s) => !(s in SCENARIOS));
  if (unknown.length)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  return {
    quick,
    profile: argv.includes('--profile'),
    logLevel: value('log-level') ?? 'warn',
    gate: parseGate(value('gate')),
    /** Figures reported beside their quick limits that never fail the run (CI names the ones known short). */
    waived: new Set(value('waive')?.split(',').filter(Boolean) ?? []),
    only,
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const ctx: BenchContext = {
    quick: args.quick,
    cpuProfDir: args.profile ? join(RESULTS, 'profiles') : null,
    logLevel: args.logLevel,
    log: (m) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`),
  };
  const watchdog = setTimeout(() => abort(ctx, 'time limit reached'), (args.quick ? 4 : 30) * 60_000);
  watchdog.unref();
  const machine = await describeMachine();
  const figures: Figure[] = [];
  const checks: Check[] = [];
  const details: Record<string, unknown> = {};
  const errors: { scenario: string; error: string }[] = [];
  const retried: { scenario: string; beyond: string[] }[] = [];
  for (const name of args.only) {
    ctx.log(`scenario ${name}`);
    try {
      let r = await SCENARIOS[name](ctx);
      // Quick runs are short: one bad moment of a shared machine can push a figure past its limit. A
      // regression shows again, so such a scenario is measured once more and the second run counts — when
      // the figures gate the run; with --gate=checks (CI) a figure beyond its limit is reported, not re-run.
      const remeasure = args.quick && args.gate === 'figures';
      const beyond = remeasure ? gating(r.figures, args.waived).map((f) => f.id) : [];
      if (beyond.length > 0) {
        ctx.log(`scenario ${name}: ${beyond.join(', ')} beyond the quick limit; measuring it once more`);
        retried.push({ scenario: name, beyond });
        // the first run's correctness checks still count: only timing is measured again
        checks.push(...r.checks.map((c) => ({ ...c, name: `${c.name} (first run)` })));
        r = await SCENARIOS[name](ctx);
      }
      figures.push(...r.figures);
      checks.push(...r.checks);
      details[name] = r.details;
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      errors.push({ scenario: name, error });
      console.error(`scenario ${name} failed: ${error}`);
    }
  }
  await dropAllTestDatabases();
  const profiles = ctx.cpuProfDir ? summarizeProfiles(ctx.cpuProfDir) : null;
  const mode = args.quick ? 'quick' : 'full';
  const tooFar = figures.filter((f) => f.withinQuickLimit === false);
  const figuresGate = args.quick && args.gate === 'figures';
  // a waived id that no scenario measured is a typo in the caller's list: it fails the run, named
  const unknownWaived = [...args.waived].filter((id) => !figures.some((f) => f.id === id));
  for (const id of unknownWaived) errors.push({ scenario: 'waive', error: `no figure ${id} was measured` });
  const failed =
    errors.length > 0 ||
    checks.some((c) => !c.ok) ||
    (figuresGate && gating(figures, args.waived).length > 0);
  const out = {
    mode,
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine,
    git: gitRevision(),
    note: 'ratio = value / floor; floors are measured in the same run on the same machine',
    figures,
    checks,
    errors,
    gate: args.gate,
    waived: [...args.waived],
    /** Quick-mode scenarios measured twice because a figure of the first run was beyond its limit. */
    retried,
    passed: !failed,
    details,
    ...(profiles ? { profiles } : {}),
  };
  writeJson(join(RESULTS, 'latest.json'), out);
  console.log(
    `\nPropRouter benchmark (${mode}), ${machine.cores} cores, ${machine.memoryMb} MB, Node ${machine.node}, Postgres ${machine.postgres ?? '?'}, git ${out.git.revision?.slice(0, 12) ?? '?'}`,
  );
  console.log(renderTable(figures, args.quick));
  if (checks.length) console.log(`\n${renderChecks(checks)}`);
  for (const e of errors) console.log(`\nERROR in ${e.scenario}: ${e.error.split('\n')[0]}`);
  if (args.quick && tooFar.length) {
    const how = figuresGate ? '' : ' (reported, not failing the run: --gate=checks)';
    const waived = (f: Figure) => (figuresGate && args.waived.has(f.id) ? ' (waived)' : '');
    console.log(`\nBeyond the quick limit${how}: ${tooFar.map((f) => f.id + waived(f)).join(', ')}`);
  }
  console.log(`\nwritten ${join(RESULTS, 'latest.json')} (${out.durationS.toFixed(0)} s)`);
  return failed ? 1 : 0;
}

/** The figures beyond their quick limit that gate the run (all but the waived). */
function gating(figures: Figure[], waived: ReadonlySet<string>): Figure[] {
  return figures.filter((f) => f.withinQuickLimit === false && !waived.has(f.id));
}

function parseGate(v: string | undefined): 'figures' | 'checks' {
  if (v === undefined || v === 'figures' || v === 'checks') return v ?? 'figures';
  throw new Error(`--gate must be figures or checks, got ${v}`);
}

function abort(ctx: BenchContext, why: string): void {
  ctx.log(`aborting: ${why}`);
  cleanUpAndExit(2);
}

/** Stops every service still running, drops the run's databases, then exits with `code`. */
function cleanUpAndExit(code: number): void {
  killAllServices();
  void dropAllTestDatabases().finally(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => cleanUpAndExit(130));

// A crash outside main's promise (an 'error' event nobody handles: EPIPE when stdout's reader has gone) stops
// the services and drops the databases as an interrupt does; before, the services ran on, on their databases.
process.once('uncaughtException', (err) => {
  // the cleanup's own writes must not crash it again
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  console.error(`bench: ${err.message}`);
  cleanUpAndExit(1);
});

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    cleanUpAndExit(1);
  },
);
