import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The flat-by watch's flattens (issue 16): one row per trading account and trading day, so each account is
 * flattened once per day at its firm's flat-by time, across restarts and by one process only (the primary
 * key is the claim). `attempts` counts the tries of a FAILED flatten; `flatten_id` names its account_flattens row.
 */
export class FlatByRuns1763700011100 implements MigrationInterface {
  name = 'FlatByRuns1763700011100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE flat_by_runs (
        account_id INT NOT NULL REFERENCES trading_accounts (id) ON DELETE CASCADE,
        trading_day DATE NOT NULL,
        firm_code VARCHAR(50) NOT NULL,
        flat_by_at TIMESTAMPTZ NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'RUNNING'
          CHECK (status IN ('RUNNING', 'FLAT', 'ALREADY_FLAT', 'DRY_RUN', 'FAILED')),
        attempts INT NOT NULL DEFAULT 1,
        flatten_id BIGINT REFERENCES account_flattens (id) ON DELETE SET NULL,
        error TEXT,
        claimed_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        PRIMARY KEY (account_id, trading_day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE flat_by_runs');
  }
}
