import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN } from './test-app';

/** The built service (`npm run build`): what a trader runs, as a separate OS process. */
export const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export interface ServiceProcess {
  url: string;
  proc: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
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

/**
 * Spawns `node dist/main.js` with a minimal environment plus `env` (never the runner's whole env) and
 * waits, with a generous bound, until it reports ready.
 */
export async function startServiceProcess(
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ServiceProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
      PROPROUTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pr-proc-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const service: ServiceProcess = {
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null)
      throw new Error(`service exited (${proc.exitCode}) before it was ready:\n${out}`);
    const ready = await fetch(`${service.url}/api/health/ready`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return service;
    await new Promise((r) => setTimeout(r, 100));
  }
  await service.stop('SIGKILL');
  throw new Error(`service not ready within ${readyTimeoutMs} ms:\n${out}`);
}

/** POSTs a webhook body; the status, or null when the request never got an answer (process gone). */
export async function postSignal(
  url: string,
  body: Record<string, unknown>,
): Promise<{ status: number; taskId: number | null } | null> {
  try {
    const r = await fetch(`${url}/api/webhooks/tradingview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await r.json().catch(() => ({}))) as { task_id?: number };
    return { status: r.status, taskId: json.task_id ?? null };
  } catch {
    return null;
  }
}
