import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing per trading account: each order names its account and keeps the order as the router built it
 * (what a re-drive sends again); an order left RETRY is re-driven with a backoff under a lease; each task
 * records its outcome (ROUTED, PARTIAL, REJECTED, FAILED_TO_SEND, DRY_RUN, NOTHING_TO_DO).
 */
export class RoutingAccounts1763700009500 implements MigrationInterface {
  name = 'RoutingAccounts1763700009500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE execution_tasks ADD COLUMN outcome VARCHAR(16)
        CHECK (outcome IN ('ROUTED', 'PARTIAL', 'REJECTED', 'FAILED_TO_SEND', 'DRY_RUN', 'NOTHING_TO_DO'))`);
    await q.query('CREATE INDEX execution_tasks_outcome_idx ON execution_tasks (outcome, id)');
    await q.query(`
      ALTER TABLE orders
        ADD COLUMN account_id INT,
        ADD COLUMN account_label VARCHAR(100),
        ADD COLUMN order_request JSONB,
        ADD COLUMN send_attempts INT NOT NULL DEFAULT 1,
        ADD COLUMN next_attempt_at TIMESTAMPTZ,
        ADD COLUMN locked_by VARCHAR(128),
        ADD COLUMN locked_until TIMESTAMPTZ`);
    await q.query('CREATE INDEX orders_account_created_idx ON orders (account_id, created_at)');
    await q.query('CREATE INDEX orders_trade_account_idx ON orders (trade_id, event_type, account_id)');
    await q.query(
      `CREATE INDEX orders_retry_due_idx ON orders (next_attempt_at) WHERE status = 'RETRY' AND next_attempt_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX orders_retry_due_idx');
    await q.query('DROP INDEX orders_trade_account_idx');
    await q.query('DROP INDEX orders_account_created_idx');
    await q.query(`
      ALTER TABLE orders DROP COLUMN account_id, DROP COLUMN account_label, DROP COLUMN order_request,
        DROP COLUMN send_attempts, DROP COLUMN next_attempt_at, DROP COLUMN locked_by, DROP COLUMN locked_until`);
    await q.query('DROP INDEX execution_tasks_outcome_idx');
    await q.query('ALTER TABLE execution_tasks DROP COLUMN outcome');
  }
}
