import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paper accounts (issue 19): `paper` is a platform a connection can name, and the paper platform's ledger
 * lives here (PropRouter is the broker): per paper account (connection × platform account) its cash, its
 * positions, its orders (working brackets and stops included) and its fills; and the marks, the last price
 * of each contract root (posted by the operator or given by an alert), that working orders trigger on.
 */
export class PaperLedger1763700012300 implements MigrationInterface {
  name = 'PaperLedger1763700012300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE platform_connections DROP CONSTRAINT platform_connections_platform_check');
    await q.query(`ALTER TABLE platform_connections ADD CONSTRAINT platform_connections_platform_check
      CHECK (platform IN ('tradovate', 'projectx', 'rest', 'paper'))`);
    await q.query(`
      CREATE TABLE paper_accounts (
        connection_id INTEGER NOT NULL REFERENCES platform_connections(id) ON DELETE CASCADE,
        platform_account VARCHAR(100) NOT NULL,
        opening_balance NUMERIC NOT NULL,
        balance NUMERIC NOT NULL,
        realized NUMERIC NOT NULL DEFAULT 0,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        PRIMARY KEY (connection_id, platform_account)
      )`);
    await q.query(`
      CREATE TABLE paper_positions (
        connection_id INTEGER NOT NULL,
        platform_account VARCHAR(100) NOT NULL,
        symbol VARCHAR(32) NOT NULL,
        net INTEGER NOT NULL,
        average NUMERIC NOT NULL,
        PRIMARY KEY (connection_id, platform_account, symbol),
        FOREIGN KEY (connection_id, platform_account)
          REFERENCES paper_accounts (connection_id, platform_account) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE paper_orders (
        id UUID PRIMARY KEY,
        connection_id INTEGER NOT NULL,
        platform_account VARCHAR(100) NOT NULL,
        client_order_id VARCHAR(200),
        parent_id UUID,
        symbol VARCHAR(32) NOT NULL,
        side VARCHAR(4) NOT NULL CHECK (side IN ('BUY', 'SELL')),
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        order_type VARCHAR(8) NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT', 'STOP')),
        price NUMERIC,
        reduce_only BOOLEAN NOT NULL,
        status VARCHAR(10) NOT NULL CHECK (status IN ('PENDING', 'WORKING', 'FILLED', 'CANCELLED')),
        fill_price NUMERIC,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        FOREIGN KEY (connection_id, platform_account)
          REFERENCES paper_accounts (connection_id, platform_account) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_paper_orders_client ON paper_orders
      (connection_id, platform_account, client_order_id) WHERE client_order_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_paper_orders_open ON paper_orders (symbol, connection_id, platform_account)
      WHERE status IN ('PENDING', 'WORKING')`);
    await q.query(`
      CREATE TABLE paper_fills (
        id UUID PRIMARY KEY,
        seq BIGSERIAL NOT NULL,
        connection_id INTEGER NOT NULL,
        platform_account VARCHAR(100) NOT NULL,
        order_id UUID NOT NULL REFERENCES paper_orders(id) ON DELETE CASCADE,
        client_order_id VARCHAR(200),
        symbol VARCHAR(32) NOT NULL,
        side VARCHAR(4) NOT NULL,
        quantity INTEGER NOT NULL,
        price NUMERIC NOT NULL,
        realized NUMERIC NOT NULL,
        filled_at TIMESTAMPTZ NOT NULL,
        FOREIGN KEY (connection_id, platform_account)
          REFERENCES paper_accounts (connection_id, platform_account) ON DELETE CASCADE
      )`);
    await q.query(
      'CREATE INDEX idx_paper_fills_account ON paper_fills (connection_id, platform_account, filled_at, seq)',
    );
    await q.query(`
      CREATE TABLE paper_marks (
        symbol VARCHAR(32) PRIMARY KEY,
        price NUMERIC NOT NULL,
        source VARCHAR(8) NOT NULL CHECK (source IN ('posted', 'alert')),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE paper_marks, paper_fills, paper_orders, paper_positions, paper_accounts');
    await q.query(`DELETE FROM trading_accounts WHERE connection_id IN
      (SELECT id FROM platform_connections WHERE platform = 'paper')`);
    await q.query(`DELETE FROM platform_connections WHERE platform = 'paper'`);
    await q.query('ALTER TABLE platform_connections DROP CONSTRAINT platform_connections_platform_check');
    await q.query(`ALTER TABLE platform_connections ADD CONSTRAINT platform_connections_platform_check
      CHECK (platform IN ('tradovate', 'projectx', 'rest'))`);
  }
}
