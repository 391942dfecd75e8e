import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { AlertDedupe1763700012400 } from '../../migrations/1763700012400-alert-dedupe';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/** execution_tasks without the forever-unique (trade_id, event_type), alert_dedupe, orders.closes_order_id; and back. */
describe('migration 1763700012400 alert-dedupe (integration)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('alert_dedupe_mig');
  });
  afterAll(() => db?.drop());

  const runner = (c: Client) => ({ query: (sql: string) => c.query(sql) }) as unknown as QueryRunner;
  const task = async (c: Client, tradeId: string, event: string, ageHours = 0) =>
    Number(
      (
        await c.query(
          `INSERT INTO execution_tasks (trade_id, event_type, payload, created_at)
           VALUES ($1, $2, '{}', now() - $3 * interval '1 hour') RETURNING id`,
          [tradeId, event, ageHours],
        )
      ).rows[0].id,
    );
  const order = async (c: Client, taskId: number, tradeId: string, event: string, account: number) =>
    Number(
      (
        await c.query(
          `INSERT INTO orders (task_id, trade_id, event_type, firm_code, account_id, client_order_id, symbol, side,
             quantity, status)
           VALUES ($1, $2, $3, 'APEX', $4, $5, 'NQ', 'BUY', 1, 'SUCCESS') RETURNING id`,
          [taskId, tradeId, event, account, `c-${taskId}-${account}`],
        )
      ).rows[0].id,
    );
  const tasks = async (c: Client) =>
    (await c.query('SELECT id::int, trade_id, event_type FROM execution_tasks ORDER BY id')).rows;
  const orders = async (c: Client) =>
    (await c.query('SELECT id::int, task_id::int, trade_id, event_type FROM orders ORDER BY id')).rows;

  it('keeps every task and order, keys the last day, pairs exits with their entries; down renames reused ids', () =>
    withClient(db.url, async (c) => {
      const migration = new AlertDedupe1763700012400();
      await migration.down(runner(c)); // the newest migration: back to the schema before it
      const entry = await task(c, 't-1', 'entry');
      const exit = await task(c, 't-1', 'exit');
      const old = await task(c, 't-old', 'entry', 30);
      const entryA = await order(c, entry, 't-1', 'entry', 1);
      const entryB = await order(c, entry, 't-1', 'entry', 2);
      const exitA = await order(c, exit, 't-1', 'exit', 1);
      await expect(task(c, 't-1', 'entry')).rejects.toThrow(/duplicate key/);

      await migration.up(runner(c));
      expect((await tasks(c)).map((t) => t.id)).toEqual([entry, exit, old]);
      const keys = await c.query(
        'SELECT event_type, trade_id, body_hash, alert_time, scope, task_id::int FROM alert_dedupe ORDER BY task_id',
      );
      expect(keys.rows).toEqual([
        {
          event_type: 'entry',
          trade_id: 't-1',
          body_hash: '',
          alert_time: '',
          scope: 'trade:t-1',
          task_id: entry,
        },
        {
          event_type: 'exit',
          trade_id: 't-1',
          body_hash: '',
          alert_time: '',
          scope: 'trade:t-1',
          task_id: exit,
        },
      ]);
      const pairs = await c.query('SELECT id::int, closes_order_id::int FROM orders ORDER BY id');
      expect(pairs.rows).toEqual([
        { id: entryA, closes_order_id: null },
        { id: entryB, closes_order_id: null },
        { id: exitA, closes_order_id: entryA },
      ]);

      // a reused id: the second trade of t-1, and a second exit of it (a repeat outside the window)
      const entry2 = await task(c, 't-1', 'entry');
      const exit2 = await task(c, 't-1', 'exit');
      const exit2b = await task(c, 't-1', 'exit');
      const entry2A = await order(c, entry2, 't-1', 'entry', 1);
      const exit2A = await order(c, exit2, 't-1', 'exit', 1);

      await migration.down(runner(c));
      expect(await tasks(c)).toEqual([
        { id: entry, trade_id: 't-1', event_type: 'entry' },
        { id: exit, trade_id: 't-1', event_type: 'exit' },
        { id: old, trade_id: 't-old', event_type: 'entry' },
        { id: entry2, trade_id: 't-1#2', event_type: 'entry' },
        { id: exit2, trade_id: 't-1#2', event_type: 'exit' },
        { id: exit2b, trade_id: `t-1#2-${exit2b}`, event_type: 'exit' },
      ]);
      expect((await orders(c)).map((o) => [o.id, o.trade_id])).toEqual([
        [entryA, 't-1'],
        [entryB, 't-1'],
        [exitA, 't-1'],
        [entry2A, 't-1#2'],
        [exit2A, 't-1#2'],
      ]);
      expect((await c.query(`SELECT to_regclass('alert_dedupe') IS NULL AS gone`)).rows[0].gone).toBe(true);

      await migration.up(runner(c));
      expect((await c.query('SELECT count(*)::int AS n FROM execution_tasks')).rows[0].n).toBe(6);
      const paired = await c.query('SELECT id::int, closes_order_id::int FROM orders WHERE event_type = $1', [
        'exit',
      ]);
      expect(paired.rows).toEqual([
        { id: exitA, closes_order_id: entryA },
        { id: exit2A, closes_order_id: entry2A },
      ]);
    }));
});
