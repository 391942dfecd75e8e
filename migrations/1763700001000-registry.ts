import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The prop-firm registry: the three tables and four indexes exactly as in seed Stage 13 (IF NOT EXISTS, so a
 * database created by the original service is adopted as is), plus the audit trail and the seed marker.
 */
export class Registry1763700001000 implements MigrationInterface {
  name = 'Registry1763700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS prop_firms (
        id SERIAL PRIMARY KEY,
        code VARCHAR(50) UNIQUE NOT NULL,
        name VARCHAR(255) NOT NULL,
        website_url TEXT,
        status VARCHAR(32) DEFAULT 'active',
        schema_version INTEGER DEFAULT 1,
        meta JSONB DEFAULT '{}'::jsonb,
        created_at TIMESTAMP DEFAULT NOW(),
        updated_at TIMESTAMP DEFAULT NOW(),
        last_synced_at TIMESTAMP
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS prop_programs (
        id SERIAL PRIMARY KEY,
        firm_id INTEGER NOT NULL REFERENCES prop_firms(id) ON DELETE CASCADE,
        name VARCHAR(255) NOT NULL,
        account_size NUMERIC(18,2) NOT NULL,
        currency VARCHAR(16) DEFAULT 'USD',
        max_daily_loss NUMERIC(18,2),
        max_total_loss NUMERIC(18,2),
        profit_target NUMERIC(18,2),
        min_trading_days INTEGER,
        max_trading_days INTEGER,
        payout_split NUMERIC(5,4),
        scaling_plan TEXT,
        schema_version INTEGER DEFAULT 1,
        meta JSONB DEFAULT '{}'::jsonb,
        created_at TIMESTAMP DEFAULT NOW(),
        updated_at TIMESTAMP DEFAULT NOW(),
        UNIQUE (firm_id, name, account_size)
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS prop_scaling_rules (
        id SERIAL PRIMARY KEY,
        firm_id INTEGER NOT NULL REFERENCES prop_firms(id) ON DELETE CASCADE,
        program_id INTEGER REFERENCES prop_programs(id) ON DELETE CASCADE,
        step_number INTEGER NOT NULL DEFAULT 1,
        scale_factor NUMERIC(10,4) NOT NULL,
        profit_target_multiple NUMERIC(10,4),
        min_days_between_scales INTEGER,
        max_equity_drawdown NUMERIC(10,4),
        meta JSONB DEFAULT '{}'::jsonb,
        created_at TIMESTAMP DEFAULT NOW(),
        updated_at TIMESTAMP DEFAULT NOW()
      )`);
    await q.query('CREATE INDEX IF NOT EXISTS idx_prop_firms_code ON prop_firms (code)');
    await q.query('CREATE INDEX IF NOT EXISTS idx_prop_programs_firm_id ON prop_programs (firm_id)');
    await q.query('CREATE INDEX IF NOT EXISTS idx_prop_programs_account_size ON prop_programs (account_size)');
    await q.query('CREATE INDEX IF NOT EXISTS idx_scaling_rules_program_id ON prop_scaling_rules (program_id)');
    await q.query(`
      CREATE TABLE registry_audit (
        id SERIAL PRIMARY KEY,
        actor VARCHAR(100) NOT NULL,
        action VARCHAR(16) NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'sync')),
        entity VARCHAR(16) NOT NULL CHECK (entity IN ('firm', 'program', 'scaling_rule')),
        entity_id INTEGER NOT NULL,
        before JSONB,
        after JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
    await q.query('CREATE INDEX idx_registry_audit_entity ON registry_audit (entity, entity_id)');
    // The baseline seed runs once per database: later admin edits (renames, deletions) are not undone at start-up.
    await q.query(`
      CREATE TABLE registry_seed_log (
        version VARCHAR(32) PRIMARY KEY,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE registry_seed_log');
    await q.query('DROP TABLE registry_audit');
    await q.query('DROP TABLE prop_scaling_rules');
    await q.query('DROP TABLE prop_programs');
    await q.query('DROP TABLE prop_firms');
  }
}
