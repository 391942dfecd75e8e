import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chownToPostgres,
  claimDataDir,
  embeddedBinariesDir,
  ensureReachableByPostgres,
  loadEmbeddedPostgres,
  postgresBinary,
  postgresIds,
  recoverFromCrash,
} from './embedded-postgres-host';

const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 5_000;

const PG_PORT = 5432; // only names the socket file: TCP is off (listen_addresses='')
const READY = 'database system is ready to accept connections';
const EXECUTABLE = 0o555; // the postgres OS user runs it when we are root

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
 *
 * embedded-postgres creates the cluster (initdb, and the `postgres` OS user when we are root) on a first
 * start; the postmaster itself is started here, from its binaries package: its own start ran `locale -a` and
 * two shells for `id`, and loading it (ESM, with a second copy of `pg`) took more CPU than the rest of the
 * database's start-up.
 */
export class EmbeddedDatabase {
  private proc?: ChildProcess;
  readonly root: string;
  readonly pgDir: string;
  readonly socketDir: string;
  private readonly ownerFile: string;
  private started = false;
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
    const isRoot = this.prepareDirs();
    const lines: string[] = [];
    const failed = (err: unknown) => {
      // embedded-postgres rejects with `undefined` on initdb failures; the reason is only in its log
      const reason = err instanceof Error ? err.message : lines.slice(-5).join(' ').trim();
      return new Error(`Embedded Postgres failed to start in ${this.pgDir}: ${reason || 'unknown error'}`);
    };
    if (!existsSync(join(this.pgDir, 'PG_VERSION')))
      await this.initialise(isRoot, lines).catch((e) => Promise.reject(failed(e)));
    this.started = true;
    const ready = this.spawnPostmaster(isRoot, lines).catch((e: unknown) => Promise.reject(failed(e)));
    // the other work's own failure is reported as it is, after the server's start has settled
    const [up, done] = await Promise.allSettled([ready, alongside()]);
    if (up.status === 'rejected') throw up.reason;
    if (done.status === 'rejected') throw done.reason;
    this.stopping = false;
    this.supervise();
    return this.url;
  }

  /** The data dir claimed, a crashed predecessor cleaned up, the socket dir ready; true when running as root. */
  private prepareDirs(): boolean {
    mkdirSync(this.root, { recursive: true });
    chmodSync(this.root, 0o755); // the postgres OS user must traverse it when we run as root
    claimDataDir(this.root, this.ownerFile);
    recoverFromCrash(this.pgDir);
    const isRoot = userInfo().uid === 0;
    mkdirSync(this.socketDir, { recursive: true });
    if (isRoot) {
      ensureReachableByPostgres(this.root, 'PROPROUTER_DATA_DIR');
      ensureReachableByPostgres(embeddedBinariesDir(), 'The embedded Postgres binaries');
      chownToPostgres(this.socketDir);
    }
    return isRoot;
  }

  /** A new cluster (initdb) by embedded-postgres; as root, it creates the `postgres` OS user if missing. */
  private async initialise(isRoot: boolean, lines: string[]): Promise<void> {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    await new EmbeddedPostgres({
      databaseDir: this.pgDir,
      port: PG_PORT,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: isRoot,
      onLog: (m: string) => this.logged(lines, m),
      onError: (e: unknown) => lines.push(String(e)),
    }).initialise();
    if (isRoot) chownToPostgres(this.socketDir); // the user may be new
  }

  private logged(lines: string[], message: string): void {
    lines.push(message);
    if (lines.length > 50) lines.splice(0, lines.length - 50);
    this.opts.log?.(message.trim());
  }

  /**
   * Spawns the postmaster (as the `postgres` OS user when we are root: Postgres refuses root) and resolves
   * once it accepts connections; rejects if it exits first. Its messages in English (LC_MESSAGES=C): the
   * ready line is matched. Its log is read for as long as it runs (a full pipe would stall it).
   */
  private spawnPostmaster(isRoot: boolean, lines: string[]): Promise<void> {
    const binary = postgresBinary();
    const mode = statSync(binary).mode;
    if ((mode & EXECUTABLE) !== EXECUTABLE) chmodSync(binary, mode | EXECUTABLE);
    const ids = isRoot ? postgresIds() : null;
    if (isRoot && !ids) throw new Error('Postgres cannot run as root, and there is no "postgres" OS user');
    const proc = spawn(
      binary,
      [
        '-D',
        this.pgDir,
        '-p',
        String(PG_PORT),
        '-c',
        'listen_addresses=',
        '-k',
        this.socketDir,
        '-c',
        'max_connections=200',
      ],
      { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.proc = proc;
    return new Promise((resolve, reject) => {
      let ready = false;
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (chunk: string) => {
        this.logged(lines, chunk);
        if (!ready && chunk.includes(READY)) {
          ready = true;
          resolve();
        }
      });
      proc.once('error', (err) => (ready ? undefined : reject(err)));
      proc.once('close', (code, signal) => {
        if (!ready)
          reject(new Error(`postgres exited (${signal ?? code}): ${lines.slice(-5).join(' ').trim()}`));
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const proc = this.proc;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
      await exited;
    }
    this.proc = undefined;
    rmSync(this.ownerFile, { force: true });
  }

  /**
   * The cluster is ours: when its postmaster dies (killed, OOM, stopped by hand) while PropRouter runs, it
   * is started again, with backoff, so that the app's pools reconnect instead of answering 503 for good.
   */
  private supervise(): void {
    this.proc?.once('exit', (code, signal) => {
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
    if (this.stopping || !this.started) return;
    try {
      recoverFromCrash(this.pgDir);
      await this.spawnPostmaster(userInfo().uid === 0, []);
      this.restartDelayMs = FIRST_RESTART_DELAY_MS;
      this.opts.notice?.('embedded Postgres restarted');
      this.supervise();
    } catch {
      // e.g. backends of the killed postmaster still hold its shared memory: try again shortly
      this.scheduleRestart();
    }
  }
}
