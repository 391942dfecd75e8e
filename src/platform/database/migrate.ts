import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrationFiles, typeormOptions } from './typeorm-options';

const MIGRATION_LOCK = 4_711_001; // pg_advisory_lock key: one migrator at a time across processes

/** Runs pending migrations under an advisory lock, so several processes can start on one database. */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // the usual start: nothing to run, known without building TypeORM's metadata and pool
    if (await allApplied(lock)) return [];
    const ds = new DataSource(typeormOptions(url, 2));
    await ds.initialize();
    try {
      const done = await ds.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/**
 * True when the `migrations` table lists every migration this build ships (by the `name` each declares);
 * false when one is missing, the table is not there yet, or a file's name cannot be read.
 */
async function allApplied(client: Client): Promise<boolean> {
  const files = readdirSync(migrationFiles.dir).filter((f) => f.endsWith(migrationFiles.extension));
  const names = files.map(
    (f) => /\bname = '([^']+)'/.exec(readFileSync(join(migrationFiles.dir, f), 'utf8'))?.[1],
  );
  if (names.length === 0 || names.some((n) => n === undefined)) return false;
  try {
    const r = await client.query<{ name: string }>('SELECT name FROM migrations');
    const applied = new Set(r.rows.map((row) => row.name));
    return names.every((n) => applied.has(n!));
  } catch {
    return false; // no migrations table: a fresh database
  }
}
