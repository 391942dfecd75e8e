import { MigrationInterface, QueryRunner } from 'typeorm';

export class Risk1763700003000 implements MigrationInterface {
  name = 'Risk1763700003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_states (
        firm_code VARCHAR(50) NOT NULL,
        program_id INTEGER NOT NULL,
        balance NUMERIC NOT NULL,
        start_of_day_balance NUMERIC NOT NULL,
        realized_pnl_today NUMERIC NOT NULL DEFAULT 0,
        open_pnl NUMERIC NOT NULL DEFAULT 0,
        high_water_mark_eod NUMERIC NOT NULL,
        high_water_mark_intraday NUMERIC NOT NULL,
        open_contracts INTEGER NOT NULL DEFAULT 0,
        avg_price NUMERIC,
        position_symbol VARCHAR(20),
        trading_day DATE NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        PRIMARY KEY (firm_code, program_id)
      )`);
    await q.query('CREATE INDEX idx_account_states_program_id ON account_states (program_id)');
    await q.query(`
      CREATE TABLE trading_halts (
        id SERIAL PRIMARY KEY,
        firm_code VARCHAR(50),
        reason VARCHAR(500) NOT NULL,
        created_by VARCHAR(100) NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        cleared_by VARCHAR(100),
        cleared_at TIMESTAMPTZ
      )`);
    await q.query(
      'CREATE INDEX idx_trading_halts_active ON trading_halts (firm_code) WHERE cleared_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE trading_halts');
    await q.query('DROP TABLE account_states');
  }
}
