import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accounts context (issue 13): platform connections (one login each, credentials encrypted with
 * AES-256-GCM under the master key), trading accounts (the unit of routing) and their audit trail.
 * `source = 'env'` rows mirror the seed's `{FIRM}_*` configuration and are read-only in the API.
 */
export class Accounts1763700009000 implements MigrationInterface {
  name = 'Accounts1763700009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_connections (
        id SERIAL PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        platform VARCHAR(16) CHECK (platform IN ('tradovate', 'projectx', 'rest')),
        environment VARCHAR(8) NOT NULL DEFAULT 'demo' CHECK (environment IN ('demo', 'live')),
        base_url TEXT,
        credentials_ciphertext TEXT,
        credentials_key_id VARCHAR(32),
        credentials_set TEXT[] NOT NULL DEFAULT '{}',
        source VARCHAR(8) NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'env')),
        env_firm VARCHAR(50),
        revision INTEGER NOT NULL DEFAULT 1,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CHECK (platform IS NOT NULL OR source = 'env'),
        CHECK ((source = 'env') = (env_firm IS NOT NULL)),
        CHECK ((credentials_ciphertext IS NULL) = (credentials_key_id IS NULL))
      )`);
    await q.query('CREATE UNIQUE INDEX uq_platform_connections_name ON platform_connections (name)');
    await q.query(
      'CREATE UNIQUE INDEX uq_platform_connections_env_firm ON platform_connections (env_firm) WHERE env_firm IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE trading_accounts (
        id SERIAL PRIMARY KEY,
        label VARCHAR(100) NOT NULL,
        firm_code VARCHAR(50) NOT NULL,
        program_id INTEGER,
        connection_id INTEGER NOT NULL REFERENCES platform_connections(id) ON DELETE RESTRICT,
        platform_account VARCHAR(100),
        platform_account_spec VARCHAR(100),
        phase VARCHAR(16) NOT NULL DEFAULT 'evaluation' CHECK (phase IN ('evaluation', 'funded', 'live')),
        enabled BOOLEAN NOT NULL DEFAULT TRUE,
        tags TEXT[] NOT NULL DEFAULT '{}',
        sizing_mode VARCHAR(16) NOT NULL DEFAULT 'risk' CHECK (sizing_mode IN ('risk', 'fixed', 'multiplier')),
        default_risk_percent NUMERIC,
        fixed_quantity INTEGER,
        quantity_multiplier NUMERIC,
        max_contracts INTEGER,
        symbol_map JSONB NOT NULL DEFAULT '{}'::jsonb,
        source VARCHAR(8) NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'env')),
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CHECK (program_id IS NOT NULL OR source = 'env')
      )`);
    // Labels are matched case-insensitively in alerts, so they are unique that way too.
    await q.query('CREATE UNIQUE INDEX uq_trading_accounts_label ON trading_accounts (lower(label))');
    await q.query('CREATE INDEX idx_trading_accounts_connection ON trading_accounts (connection_id)');
    await q.query(`
      CREATE TABLE accounts_audit (
        id SERIAL PRIMARY KEY,
        actor VARCHAR(100) NOT NULL,
        action VARCHAR(16) NOT NULL CHECK (action IN ('create', 'update', 'delete', 'env_sync', 'rotate_key')),
        entity VARCHAR(16) NOT NULL CHECK (entity IN ('connection', 'account')),
        entity_id INTEGER NOT NULL,
        before JSONB,
        after JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
    await q.query('CREATE INDEX idx_accounts_audit_entity ON accounts_audit (entity, entity_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE accounts_audit');
    await q.query('DROP TABLE trading_accounts');
    await q.query('DROP TABLE platform_connections');
  }
}
