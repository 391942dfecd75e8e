import { Client } from 'pg';
import { INSERT_MANY } from '../../src/routing/infrastructure/persistence/task-queue.sql';
import { createTestDatabase, TestDatabase } from '../support/test-database';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode, table: string): PlanNode[] {
  const own = node['Relation Name'] === table && /Scan/.test(node['Node Type']) ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap((p) => scansOf(p, table))];
}

/**
 * The intake's insert asks, per signal to hand off, whether an earlier task of its trade id is unfinished. With
 * that check as NOT EXISTS in the select list Postgres hashed it: every open task of every trade read per insert,
 * four times (once per CASE using it) — 3,000 queued tasks cost 25 ms per insert. The plan, not a time: every
 * read of execution_tasks must be an index probe of the signal's own trade id.
 */
describe('intake insert plan (integration)', () => {
  let db: TestDatabase;
  let c: Client;

  beforeAll(async () => {
    db = await createTestDatabase('insert_plan');
    c = new Client({ connectionString: db.url });
    await c.connect();
  });
  afterAll(async () => {
    await c?.end();
    await db?.drop();
  });

  it('reads only the open tasks of the inserted trade id, with 3,000 other tasks queued', async () => {
    await c.query(
      `INSERT INTO execution_tasks (trade_id, event_type, payload)
       SELECT 'queued-' || g, 'entry', '{}'::jsonb FROM generate_series(1, 3000) g`,
    );
    await c.query(
      `INSERT INTO execution_tasks (trade_id, event_type, payload) VALUES ('t-new', 'entry', '{}')`,
    );
    const rows = [
      { ord: 0, trade_id: 't-new', event_type: 'exit', payload: { trade_id: 't-new' }, lease: true },
      { ord: 1, trade_id: 't-other', event_type: 'entry', payload: { trade_id: 't-other' }, lease: true },
    ].map((r) => ({
      ...r,
      body_hash: '',
      alert_time: '',
      scope: `trade:${r.trade_id}`,
      key_trade_id: r.trade_id,
    }));
    await c.query('BEGIN');
    try {
      const r = await c.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${INSERT_MANY}`,
        [JSON.stringify(rows), 'router-plan', 30_000, 60],
      );
      const scans = scansOf(r.rows[0]['QUERY PLAN'][0].Plan, 'execution_tasks');
      expect(scans.length).toBeGreaterThan(0);
      for (const scan of scans) {
        expect(scan['Index Cond']).toMatch(/trade_id/);
        expect((scan['Actual Rows'] ?? 0) * (scan['Actual Loops'] ?? 1)).toBeLessThanOrEqual(rows.length);
      }
      // the exit waits for its entry; the other trade is handed off
      const tasks = await c.query<{ trade_id: string; status: string }>(
        `SELECT trade_id, status FROM execution_tasks WHERE trade_id IN ('t-new', 't-other') ORDER BY id`,
      );
      expect(tasks.rows).toEqual([
        { trade_id: 't-new', status: 'PENDING' },
        { trade_id: 't-new', status: 'PENDING' },
        { trade_id: 't-other', status: 'PROCESSING' },
      ]);
    } finally {
      await c.query('ROLLBACK');
    }
  });
});
