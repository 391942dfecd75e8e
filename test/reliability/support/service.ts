import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built service; `npm run test:reliability` builds it first. */
export const MAIN = join(__dirname, '..', '..', '..', 'dist', 'main.js');

export const SERVICE_ADMIN = { username: 'admin', password: 'rel-admin-password-7d41c0' };
export const SERVICE_JWT_SECRET = 'rel-jwt-secret-3a9f0e6b2c7d41a8e5f90b1c6d2e7f3a';

export interface ServiceHandle {
  url: string;
  port: number;
  pid: number;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and waits (bounded) for the exit; SIGKILL when it does not exit in time. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export interface ServiceOptions {
  /** Merged over a minimal environment (never the test runner's whole env, so nothing leaks in). */
  env: Record<string, string | undefined>;
  port?: number;
  readyTimeoutMs?: number;
  /** Collects output across restarts (e.g. to grep every log line for secrets). */
  sink?: { text: string };
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

/** Spawns `node dist/main.js` and waits until /api/health/ready answers 200. */
export async function startService(opts: ServiceOptions): Promise<ServiceHandle> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    ADMIN_USERNAME: SERVICE_ADMIN.username,
    ADMIN_PASSWORD: SERVICE_ADMIN.password,
    JWT_SECRET: SERVICE_JWT_SECRET,
    PROPROUTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pr-rel-')),
  };
  for (const [k, v] of Object.entries(opts.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const proc = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const collect = (d: Buffer) => {
    out += d.toString('utf8');
    if (opts.sink) opts.sink.text += d.toString('utf8');
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const handle: ServiceHandle = {
    url,
    port,
    pid: proc.pid!,
    proc,
    output: () => out,
    stop: async (signal = 'SIGTERM', timeoutMs = 15_000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`service exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${out}`);
    }
    const ready = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return handle;
    await new Promise((r) => setTimeout(r, 100));
  }
  await handle.stop('SIGKILL');
  throw new Error(`service not ready within ${opts.readyTimeoutMs ?? 60_000} ms:\n${out}`);
}

/** Logs in on the service and returns a bearer token. */
export async function serviceToken(url: string, user = SERVICE_ADMIN): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (r.status !== 200) throw new Error(`login as ${user.username} failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { access_token: string }).access_token;
}
