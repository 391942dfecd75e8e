import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account state per trading account: `account_id` 0 is the seed's firm-level state (firm × program, the
 * `env:{FIRM}` accounts); any other value is the id of a trading account, with its own state.
 */
export class RiskAccounts1763700009200 implements MigrationInterface {
  name = 'RiskAccounts1763700009200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE account_states ADD COLUMN account_id INTEGER NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE account_states DROP CONSTRAINT account_states_pkey');
    await q.query('ALTER TABLE account_states ADD PRIMARY KEY (firm_code, program_id, account_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM account_states WHERE account_id <> 0');
    await q.query('ALTER TABLE account_states DROP CONSTRAINT account_states_pkey');
    await q.query('ALTER TABLE account_states ADD PRIMARY KEY (firm_code, program_id)');
    await q.query('ALTER TABLE account_states DROP COLUMN account_id');
  }
}
