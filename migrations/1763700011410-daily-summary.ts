import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily summary (issue 18): when a trading account's state first moves to the next trading day (the risk
 * state is rolled on its next write after the firm's close: a synced account's next platform read), the
 * closed day's figures are kept in `daily_summaries` in that same transaction — what the old row held (start
 * of day balance, balance, open P&L, realized P&L) and the account's orders, failed orders and risk
 * rejections since its previous close — once per account and day. The notifications sender adds the room
 * left, as the risk gate measures it, and queues one `daily.summary` per row.
 */
export class DailySummary1763700011410 implements MigrationInterface {
  name = 'DailySummary1763700011410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE daily_summaries (
        account_id INT NOT NULL,
        trading_day DATE NOT NULL,
        facts JSONB NOT NULL,
        closed_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        queued_at TIMESTAMPTZ,
        PRIMARY KEY (account_id, trading_day)
      )`);
    await q.query('CREATE INDEX daily_summaries_due_idx ON daily_summaries (closed_at) WHERE queued_at IS NULL');
    await q.query(`
      CREATE FUNCTION notification_day_closed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE since TIMESTAMPTZ;
      BEGIN
        SELECT coalesce(max(closed_at), '-infinity') INTO since FROM daily_summaries
          WHERE account_id = OLD.account_id AND trading_day < OLD.trading_day;
        INSERT INTO daily_summaries (account_id, trading_day, facts) VALUES (OLD.account_id, OLD.trading_day,
          jsonb_build_object('start_balance', OLD.start_of_day_balance, 'balance', OLD.balance,
            'open_pnl', OLD.open_pnl, 'realized_pnl', OLD.realized_pnl_today,
            'orders', (SELECT count(*) FROM orders o WHERE o.account_id = OLD.account_id AND o.created_at > since),
            'failed', (SELECT count(*) FROM orders o WHERE o.account_id = OLD.account_id AND o.created_at > since
              AND o.status = 'FAILED'),
            'rejections', (SELECT count(*) FROM notification_outbox e WHERE e.kind = 'entry.rejected'
              AND e.account_id = OLD.account_id AND e.occurred_at > since)))
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER account_states_day_closed AFTER UPDATE OF trading_day ON account_states FOR EACH ROW
        WHEN (OLD.account_id <> 0 AND NEW.trading_day > OLD.trading_day)
        EXECUTE FUNCTION notification_day_closed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER account_states_day_closed ON account_states');
    await q.query('DROP FUNCTION notification_day_closed()');
    await q.query('DROP TABLE daily_summaries');
  }
}
