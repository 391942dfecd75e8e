import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PgSql } from '../../src/platform/database/pg-sql';
import { PgTaskQueue } from '../../src/routing/infrastructure/persistence/pg-task.queue';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * A router that idled on an empty queue, then a burst. Postgres settles on a prepared statement's generic plan
 * after five calls; made on an empty table, the claim's was a sort of every open task behind a nested loop over
 * all of them, kept for the burst: with 20,000 queued tasks one claim ran for minutes (the router bench's
 * 2-process drain completed 0 of 20,000). The connection's statement_timeout turns such a claim into an error
 * here; a claim planned for the table as it is takes milliseconds.
 */
describe('PgTaskQueue claim after an idle start (integration)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let queue: PgTaskQueue;
  const lease = { routerId: 'router-plan', leaseMs: 30_000 };

  beforeAll(async () => {
    db = await createTestDatabase('claim_plan');
    pool = new Pool({ connectionString: db.url, max: 1, options: '-c statement_timeout=20000' });
    const dataSource = { driver: { master: pool } } as unknown as DataSource;
    queue = new PgTaskQueue(new PgSql(dataSource));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('claims the oldest due tasks of a 20,000-task burst after ten empty claims on one connection', async () => {
    for (let i = 0; i < 10; i++) expect(await queue.claim(lease, 20)).toEqual([]);
    await pool.query(
      `INSERT INTO execution_tasks (trade_id, event_type, payload)
       SELECT 'burst-' || g, 'entry', jsonb_build_object('trade_id', 'burst-' || g) FROM generate_series(1, 20000) g`,
    );
    const first = await pool.query<{ id: string }>('SELECT min(id) AS id FROM execution_tasks');
    const claimed = await queue.claim(lease, 20);
    const from = Number(first.rows[0].id);
    expect(claimed.map((t) => t.id)).toEqual(Array.from({ length: 20 }, (_, k) => from + k));
    const leased = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM execution_tasks WHERE status = 'PROCESSING' AND locked_by = $1`,
      [lease.routerId],
    );
    expect(Number(leased.rows[0].n)).toBe(20);
  });
});
