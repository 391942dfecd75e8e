import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sleep } from './stats';

/** The built service, as `npm start` would run it (scripts/start.js only adds the embedded-db check). */
const MAIN = resolve(__dirname, '..', '..', '..', 'dist', 'main.js');
const OUTPUT_LINES = 60;

export interface ServiceOptions {
  label: string;
  env: Record<string, string>;
  /** Directory for `--cpu-prof` output; no profiling when absent. */
  cpuProfDir?: string;
  readyTimeoutMs?: number;
}

export interface Service {
  label: string;
  url: string;
  pid: number;
  /** Spawn to the first 200 of /api/health/ready, in ms. */
  startMs: number;
  /** Kernel-tracked peak resident set (VmHWM) in MB; null where /proc is unavailable. */
  peakRssMb(): number | null;
  /** Current resident set (VmRSS) in MB. */
  rssMb(): number | null;
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** SIGKILLs every service still running (used when the run is interrupted or times out). */
export function killAllServices(): void {
  for (const child of running) child.kill('SIGKILL');
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts `node dist/main.js` with only the given environment (plus PATH/HOME) and waits until it is ready. */
export async function startService(opts: ServiceOptions): Promise<Service> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = opts.cpuProfDir ? profileArgs(opts.cpuProfDir, opts.label) : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...args, MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => (running.delete(child), r(code))),
  );
  const output = () => lines.join('\n');
  const ready = await waitReady(url, exited, opts.readyTimeoutMs ?? 60_000);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`service "${opts.label}" did not become ready:\n${output()}`);
  }
  return {
    label: opts.label,
    url,
    pid: child.pid ?? -1,
    startMs: performance.now() - started,
    peakRssMb: () => readStatusMb(child.pid, 'VmHWM'),
    rssMb: () => readStatusMb(child.pid, 'VmRSS'),
    output,
    stop: () => stopChild(child, exited),
  };
}

function profileArgs(dir: string, label: string): string[] {
  mkdirSync(dir, { recursive: true });
  // Node 20 does not expand placeholders in --cpu-prof-name: the start time tells runs of one label apart
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`];
}

async function waitReady(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = performance.now() + timeoutMs;
  while (!gone && performance.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  return false;
}

/** SIGTERM (graceful: drains tasks, writes the CPU profile), SIGKILL after 20 s. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
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
