import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN, TEST_JWT_SECRET } from './service-http';

/**
 * The built service (`npm run build`) as a separate OS process, as a trader runs it: one helper for the e2e
 * tests, the reliability suites and the benchmark.
 */
export const MAIN = join(repoRoot(), 'dist', 'main.js');

function repoRoot(): string {
  const up = join(__dirname, '..', '..');
  // the benchmark runs this file compiled into dist-bench/test/support/
  return basename(up) === 'dist-bench' ? join(up, '..') : up;
}

export interface ServiceOptions {
  /** Merged over PATH, HOME, HOST and PORT (never the runner's whole env); `undefined` removes a variable. */
  env: Record<string, string | undefined>;
  /** Names the process in errors and CPU profiles. */
  label?: string;
  port?: number;
  readyTimeoutMs?: number;
  /** How often readiness is polled (the benchmark times start-up, so it polls every 10 ms). */
  pollMs?: number;
  /** Keep only the last N lines of output (long benchmark runs); everything when absent. */
  outputLines?: number;
  /** Collects output across restarts (e.g. to grep every log line for secrets). */
  sink?: { text: string };
  /** Directory for `--cpu-prof` output; no profiling when absent. */
  cpuProfDir?: string;
}

export interface ServiceHandle {
  url: string;
  port: number;
  pid: number;
  proc: ChildProcess;
  /** Spawn to the first 200 of /api/health/ready, in ms. */
  startMs: number;
  /** Everything the process wrote to stdout and stderr so far (or its last `outputLines` lines). */
  output(): string;
  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`); the exit code. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** Kernel-tracked peak resident set (VmHWM) in MB; null where /proc is unavailable. */
  peakRssMb(): number | null;
  /** Current resident set (VmRSS) in MB. */
  rssMb(): number | null;
}

/** The name the e2e tests know it by. */
export type ServiceProcess = ServiceHandle;

export { ADMIN, postSignal, serviceToken, TEST_JWT_SECRET } from './service-http';

const running = new Set<ChildProcess>();

/** SIGKILLs every service still running (used when a run is interrupted or times out). */
export function killAllServices(): void {
  for (const child of running) child.kill('SIGKILL');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** What a test service runs with unless the test says otherwise: a known admin, a private data dir. */
export function testServiceEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: TEST_JWT_SECRET,
    PROPROUTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pr-proc-')),
    // the fakes answer within TIMEOUT_MS 2000 (platforms.ts): an order a restarted router finds unanswered is
    // looked up 4 s after it was written, not after the default's 60 s
    ORDER_SEND_WINDOW_MS: '2000',
  };
}

/** `startService` with the test environment under `opts.env`. */
export function startTestService(opts: ServiceOptions): Promise<ServiceHandle> {
  return startService({ ...opts, env: { ...testServiceEnv(), ...opts.env } });
}

/**
 * Spawns `node dist/main.js` with the test environment (warnings only) plus `env` and waits, with a generous
 * bound, until it reports ready.
 */
export function startServiceProcess(
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ServiceHandle> {
  return startTestService({ env: { LOG_LEVEL: 'warn', ...env }, readyTimeoutMs });
}

/** Spawns `node dist/main.js` with only `opts.env` over PATH/HOME/HOST/PORT and waits until it is ready. */
export async function startService(opts: ServiceOptions): Promise<ServiceHandle> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  const port = opts.port ?? (await freePort());
  const started = performance.now();
  const proc = spawn(process.execPath, [...profileArgs(opts), MAIN], {
    env: childEnv(port, opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  const output = collectOutput(proc, opts);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => (running.delete(proc), resolve(code))),
  );
  const url = `http://127.0.0.1:${port}`;
  const handle: ServiceHandle = {
    url,
    port,
    pid: proc.pid ?? -1,
    proc,
    startMs: 0,
    output,
    stop: (signal = 'SIGTERM', timeoutMs = 20_000) => stopChild(proc, exited, signal, timeoutMs),
    peakRssMb: () => readStatusMb(proc.pid, 'VmHWM'),
    rssMb: () => readStatusMb(proc.pid, 'VmRSS'),
  };
  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  const failure = await waitReady(url, proc, readyTimeoutMs, opts.pollMs ?? 25);
  if (failure === 'exited') {
    const how = proc.exitCode ?? proc.signalCode;
    throw new Error(`service ${opts.label ?? ''}exited (${how}) before it was ready:\n${output()}`);
  }
  if (failure === 'timeout') {
    await handle.stop('SIGKILL');
    throw new Error(`service ${opts.label ?? ''}not ready within ${readyTimeoutMs} ms:\n${output()}`);
  }
  handle.startMs = performance.now() - started;
  return handle;
}

function childEnv(port: number, env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    HOST: '127.0.0.1',
    PORT: String(port),
    // a developer's .env in the checkout never reaches a test's service (a test may name a file)
    PROPROUTER_ENV_FILE: 'none',
  };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

function profileArgs(opts: ServiceOptions): string[] {
  if (!opts.cpuProfDir) return [];
  mkdirSync(opts.cpuProfDir, { recursive: true });
  // Node 20 does not expand placeholders in --cpu-prof-name: the start time tells runs of one label apart
  const name = `${opts.label ?? 'service'}-${Date.now()}.cpuprofile`;
  return ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`, `--cpu-prof-name=${name}`];
}

function collectOutput(proc: ChildProcess, opts: ServiceOptions): () => string {
  let text = '';
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    if (opts.sink) opts.sink.text += s;
    if (opts.outputLines === undefined) return void (text += s);
    lines.push(...s.split('\n').filter(Boolean));
    if (lines.length > opts.outputLines) lines.splice(0, lines.length - opts.outputLines);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return () => (opts.outputLines === undefined ? text : lines.join('\n'));
}

/** Null once /api/health/ready answers 200; why not otherwise. */
async function waitReady(
  url: string,
  proc: ChildProcess,
  timeoutMs: number,
  pollMs: number,
): Promise<null | 'exited' | 'timeout'> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) return 'exited';
    const ready = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2000) })
      .then(async (r) => (await r.arrayBuffer(), r.status === 200))
      .catch(() => false);
    if (ready) return null;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return 'timeout';
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | null>,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

function readStatusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(join('/proc', String(pid), 'status'), 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}
