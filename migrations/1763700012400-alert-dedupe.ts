import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dedupe without forever-unique trade ids (issue 15). `execution_tasks` loses its unique (trade_id, event_type):
 * a strategy that reuses `trade_id` "Long" opens a new trade after the last one closed. Repeats are caught
 * instead by `alert_dedupe`, one row per alert key (event, trade_id or a hash of the alert, alert time), taken
 * with INSERT … ON CONFLICT so that two intake processes accept one of two identical alerts, and taken over
 * once the earlier alert is outside the window. An exit order names the entry order it closes
 * (`closes_order_id`), so that each generation of a reused trade id is closed once.
 *
 * Existing rows keep everything: every task of the last day gets its key (older ones are outside any window),
 * and each existing exit order is paired with its trade's entry order in the same account, as it was read.
 */
export class AlertDedupe1763700012400 implements MigrationInterface {
  name = 'AlertDedupe1763700012400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_dedupe (
        event_type VARCHAR(8) NOT NULL CHECK (event_type IN ('entry', 'exit')),
        trade_id VARCHAR(128) NOT NULL DEFAULT '',
        body_hash VARCHAR(64) NOT NULL DEFAULT '',
        alert_time VARCHAR(64) NOT NULL DEFAULT '',
        scope VARCHAR(200) NOT NULL,
        task_id BIGINT NOT NULL REFERENCES execution_tasks (id) ON DELETE CASCADE,
        received_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT alert_dedupe_pkey PRIMARY KEY (event_type, trade_id, body_hash, alert_time),
        CONSTRAINT alert_dedupe_one_identity CHECK ((trade_id = '') <> (body_hash = ''))
      )`);
    // "another alert of the same trade (or symbol) accepted since": one probe per repeat
    await q.query('CREATE INDEX alert_dedupe_scope_idx ON alert_dedupe (scope, task_id)');
    await q.query('CREATE INDEX alert_dedupe_received_idx ON alert_dedupe (received_at)');
    await q.query(`
      INSERT INTO alert_dedupe (event_type, trade_id, scope, task_id, received_at)
      SELECT DISTINCT ON (event_type, trade_id) event_type, trade_id, 'trade:' || trade_id, id, created_at
      FROM execution_tasks WHERE created_at > now() - interval '1 day'
      ORDER BY event_type, trade_id, id DESC`);
    await q.query('ALTER TABLE execution_tasks DROP CONSTRAINT execution_tasks_trade_event_key');
    // the tasks of a trade id, every generation, in order (lists, "accepted since")
    await q.query('CREATE INDEX execution_tasks_trade_idx ON execution_tasks (trade_id, id)');
    // "an earlier task of the same trade is unfinished" (claim, hand-off, completion): a few rows per trade
    await q.query(`CREATE INDEX execution_tasks_trade_open_idx ON execution_tasks (trade_id, id)
      WHERE status IN ('PENDING', 'PROCESSING')`);
    await q.query(
      'ALTER TABLE orders ADD COLUMN closes_order_id BIGINT REFERENCES orders (id) ON DELETE SET NULL',
    );
    await q.query(`
      UPDATE orders x SET closes_order_id = (
        SELECT e.id FROM orders e
        WHERE e.trade_id = x.trade_id AND e.event_type = 'entry' AND e.account_id = x.account_id AND e.id < x.id
        ORDER BY e.id LIMIT 1)
      WHERE x.event_type = 'exit' AND x.account_id IS NOT NULL`);
    await q.query(
      'CREATE INDEX orders_closes_order_idx ON orders (closes_order_id) WHERE closes_order_id IS NOT NULL',
    );
  }

  /**
   * Back to one task per trade_id and event: a reused id's later generations are renamed `…#<generation>`
   * (an entry and the exits after it alike, their orders too, so that each exit still reads its own entry;
   * a second exit of one generation also gets `-<task id>`); no row is dropped.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX orders_closes_order_idx');
    await q.query('ALTER TABLE orders DROP COLUMN closes_order_id');
    await q.query(`
      WITH g AS (
        SELECT t.id, t.trade_id, t.event_type, (SELECT count(*) FROM execution_tasks e
          WHERE e.trade_id = t.trade_id AND e.event_type = 'entry' AND e.id <= t.id) AS gen
        FROM execution_tasks t),
      n AS (SELECT g.*, row_number() OVER (PARTITION BY trade_id, event_type, gen ORDER BY id) AS k FROM g),
      later AS (
        SELECT id, left(trade_id, 90) || '#' || gen || CASE WHEN k > 1 THEN '-' || id ELSE '' END AS renamed
        FROM n WHERE gen > 1 OR k > 1),
      o AS (UPDATE orders SET trade_id = later.renamed FROM later WHERE orders.task_id = later.id)
      UPDATE execution_tasks t SET trade_id = later.renamed FROM later WHERE t.id = later.id`);
    await q.query('DROP INDEX execution_tasks_trade_open_idx');
    await q.query('DROP INDEX execution_tasks_trade_idx');
    await q.query(
      'ALTER TABLE execution_tasks ADD CONSTRAINT execution_tasks_trade_event_key UNIQUE (trade_id, event_type)',
    );
    await q.query('DROP TABLE alert_dedupe');
  }
}
