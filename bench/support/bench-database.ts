import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The machine's Postgres; every scenario gets its own fresh database on it, dropped afterwards. */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const live = new Set<BenchDatabase>();

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  // Start from a clean slate: the dirty buffers of earlier work (a dropped database, a previous scenario)
  // written out now, not by a checkpoint in the middle of the measurement. Needs superuser; skipped if not.
  await adminQuery('CHECKPOINT').catch(() => undefined);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db: BenchDatabase = {
    url: url.toString(),
    name,
    drop: async () => {
      live.delete(db);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  live.add(db);
  return db;
}

/** Drops every database this run created and has not dropped yet (after a failure or an interrupt). */
export async function dropAllBenchDatabases(): Promise<void> {
  await Promise.all([...live].map((db) => db.drop().catch(() => undefined)));
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

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function adminQuery(sql: string): Promise<void> {
  await withClient(ADMIN_URL, (c) => c.query(sql));
}
