import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

const MIGRATION_LOCK = 4_711_001; // pg_advisory_lock key: one migrator at a time across processes

/** Runs pending migrations under an advisory lock, so several processes can start on one database. */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
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
