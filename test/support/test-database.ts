import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/platform/database/migrate';

/**
 * The machine's Postgres (CI, local runs and the benchmark); every test file and bench scenario gets its own
 * database on it. `BENCH_PG_URL` is still honoured for the benchmark.
 */
export const ADMIN_URL =
  process.env.TEST_PG_URL ?? process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Set by jest's globalSetup (test/support/global-setup.ts): the run's migrated template database. */
export const TEMPLATE_ENV = 'PR_TEMPLATE_DB';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export interface DatabaseOptions {
  /**
   * An empty database (no tables, no `migrations` row), for tests of the migrations themselves and for
   * benchmarks that time a first start. Default: a copy of the run's migrated template.
   */
  empty?: boolean;
}

const live = new Set<TestDatabase>();

/**
 * A fresh database of its own. By default it is cloned (`CREATE DATABASE … TEMPLATE`) from the template the
 * run migrated once, so it holds every shipped migration and nothing else; `{ empty: true }` gives a bare one.
 */
export async function createTestDatabase(label = 'test', opts: DatabaseOptions = {}): Promise<TestDatabase> {
  const run = runPrefix();
  const base = `${label.replace(/\W/g, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const name = `${run ?? 'pr_'}${base}`;
  const template = opts.empty ? null : await migratedTemplate();
  await adminQuery(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const db: TestDatabase = {
    url: databaseUrl(name),
    name,
    drop: async () => {
      live.delete(db);
      // In a jest run the drop waits for the run's end (dropRunDatabases): each DROP DATABASE forces a
      // checkpoint of the whole server, which cost a test file 0.3 s to several seconds of waiting while
      // the other worker wrote; dropped together at the end, the checkpoints are shared.
      if (run) return;
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  live.add(db);
  // outside jest (no template named): migrate the copy itself, which ends in the same state
  if (!opts.empty && !template) await runMigrations(db.url);
  return db;
}

/**
 * In a jest run (a template named), the prefix of every database the run creates: `pr_r{template suffix}_`
 * (the template is `pr_template_{pid}_{hex}`). Null outside jest: the benchmark drops its databases at once.
 */
function runPrefix(): string | null {
  const template = process.env[TEMPLATE_ENV];
  return template ? `pr_r${template.replace(/^pr_template_/, '')}_` : null;
}

/**
 * jest's globalTeardown: drops every database of this run (those the test files created and "dropped"),
 * several at a time, so that one checkpoint serves several drops.
 */
export async function dropRunDatabases(): Promise<void> {
  const prefix = runPrefix();
  if (!prefix) return;
  const names = await withClient(ADMIN_URL, async (c) => {
    const r = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1',
      [prefix],
    );
    return r.rows.map((row) => row.datname);
  });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let name = names.pop(); name !== undefined; name = names.pop())
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  );
}

/** Drops every database this process created and has not dropped yet (after a failure or an interrupt). */
export async function dropAllTestDatabases(): Promise<void> {
  await Promise.all([...live].map((db) => db.drop().catch(() => undefined)));
}

/** A short-lived client on a test database, for assertions straight on the tables. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function postgresServerVersion(): Promise<string | null> {
  try {
    return await withClient(ADMIN_URL, async (c) => {
      const r = await c.query<{ server_version: string }>('SHOW server_version');
      return r.rows[0].server_version;
    });
  } catch {
    return null;
  }
}

export async function adminQuery(sql: string): Promise<void> {
  await withClient(ADMIN_URL, (c) => c.query(sql));
}

/**
 * The run's template, migrated by the first test file that needs it (under an advisory lock, so parallel
 * workers build it once): built under a temporary name and renamed when complete, so a template that
 * exists is whole. Null outside a jest run (no template named).
 */
export async function migratedTemplate(): Promise<string | null> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return null;
  await withClient(ADMIN_URL, async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      const building = `${template}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${building}`);
      await runMigrations(databaseUrl(building));
      await c.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return template;
}
