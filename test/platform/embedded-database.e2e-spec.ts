import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built service (`node dist/main.js`) with no DATABASE_URL: the embedded Postgres default.
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');
const ADMIN = { username: 'admin', password: 'embedded-admin-pass' };

interface Service {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function start(dataDir: string): Promise<Service> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PROPROUTER_DATA_DIR: dataDir,
    PORT: String(port),
  };
  delete env.DATABASE_URL;
  Object.assign(env, { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info' });
  const proc = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  // generous: initdb and a first start on a loaded 2-core machine can take a while
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`service exited early:\n${out}`);
    const ok = await fetch(`${url}/api/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { proc, url, output: () => out };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`service not ready in 90 s:\n${out}`);
}

async function stop(s: Service, signal: NodeJS.Signals): Promise<number | null> {
  if (s.proc.exitCode !== null) return s.proc.exitCode;
  const exited = new Promise<number | null>((resolve) => s.proc.once('exit', (code) => resolve(code)));
  s.proc.kill(signal);
  return exited;
}

async function token(url: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
async function get(url: string, path: string, bearer: string): Promise<{ status: number; body: any }> {
  const r = await fetch(url + path, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: r.status, body: await r.json() };
}

function postmasterPid(dataDir: string): number | null {
  const f = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Postgres default (e2e, built service)', () => {
  jest.setTimeout(120_000);
  // mkdtemp makes 0700 dirs; as root, the postgres OS user must be able to traverse the parent.
  const parent = () => {
    const d = mkdtempSync(join(tmpdir(), 'pr-emb-'));
    chmodSync(d, 0o755);
    return d;
  };
  const dirA = join(parent(), 'data');
  const dirB = join(parent(), 'data');
  const running: Service[] = [];
  afterAll(async () => {
    for (const s of running) await stop(s, 'SIGTERM');
  });

  it('starts from an empty data dir, migrates, seeds the registry and serves it', async () => {
    const s = await start(dirA);
    running.push(s);
    const t = await token(s.url);
    const firms = await get(s.url, '/api/prop-registry/firms', t);
    expect(firms.status).toBe(200);
    expect(firms.body.count).toBe(11);
    const key = await fetch(`${s.url}/api/auth/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      body: JSON.stringify({ name: 'survives-restart' }),
    });
    expect(key.status).toBe(201);
    expect(existsSync(join(dirA, 'run', '.s.PGSQL.5432'))).toBe(true);
  });

  it('stops cleanly on SIGTERM, leaving no Postgres behind', async () => {
    const s = running.pop()!;
    const pgPid = postmasterPid(dirA);
    expect(pgPid).not.toBeNull();
    expect(await stop(s, 'SIGTERM')).toBe(0);
    expect(alive(pgPid!)).toBe(false);
    expect(postmasterPid(dirA)).toBeNull();
  });

  it('keeps its data across a restart, and recovers after SIGKILL left Postgres running', async () => {
    const s1 = await start(dirA);
    const t1 = await token(s1.url);
    const keys = await get(s1.url, '/api/auth/api-keys', t1);
    expect(keys.body.items.map((k: { name: string }) => k.name)).toEqual(['survives-restart']);
    expect((await get(s1.url, '/api/prop-registry/programs', t1)).body.count).toBe(33);
    const orphan = postmasterPid(dirA)!;
    await stop(s1, 'SIGKILL');
    expect(alive(orphan)).toBe(true); // Postgres outlived the killed service

    const s2 = await start(dirA);
    running.push(s2);
    expect(alive(orphan)).toBe(false);
    const t2 = await token(s2.url);
    expect((await get(s2.url, '/api/auth/api-keys', t2)).body.total).toBe(1);
  });

  it('runs a second instance on another data dir at the same time', async () => {
    const other = await start(dirB);
    running.push(other);
    const [a, b] = running;
    const [ta, tb] = [await token(a.url), await token(b.url)];
    expect((await get(a.url, '/api/auth/api-keys', ta)).body.total).toBe(1);
    expect((await get(b.url, '/api/auth/api-keys', tb)).body.total).toBe(0);
  });

  it('refuses a second instance on a data dir that is in use', async () => {
    await expect(start(dirA)).rejects.toThrow(/in use by PropRouter process/);
  });
});
