import { MigrationInterface, QueryRunner } from 'typeorm';

const HALT_NOTICE = (payload: string, accountColumn: string) => `
  CREATE OR REPLACE FUNCTION notification_halt() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE h trading_halts;
  BEGIN
    IF TG_OP = 'DELETE' THEN h := OLD; ELSE h := NEW; END IF;
    INSERT INTO notification_outbox (kind, account_id, payload) VALUES (
      CASE WHEN TG_OP = 'INSERT' THEN 'halt.set' ELSE 'halt.cleared' END, ${accountColumn},
      jsonb_build_object('halt_id', h.id, 'firm_code', h.firm_code, 'reason', left(h.reason, 300),
        'by', CASE WHEN TG_OP = 'INSERT' THEN h.created_by ELSE coalesce(h.cleared_by, 'deleted') END)${payload});
    RETURN NULL;
  END $$`;

/**
 * Halts on one trading account, and halts that end by themselves (issue 16): `trading_halts.account_id`
 * (the account's firm stays in firm_code, for the record) and `expires_at` (e.g. the end of the firm's
 * trading day). Halt notices name the account, go to its subscribers, and say until when.
 */
export class AccountHalts1763700011010 implements MigrationInterface {
  name = 'AccountHalts1763700011010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trading_halts
        ADD COLUMN account_id INT REFERENCES trading_accounts (id) ON DELETE CASCADE,
        ADD COLUMN expires_at TIMESTAMPTZ,
        ADD CONSTRAINT trading_halts_account_has_firm CHECK (account_id IS NULL OR firm_code IS NOT NULL)`);
    await q.query(
      'CREATE INDEX trading_halts_account_idx ON trading_halts (account_id) WHERE account_id IS NOT NULL',
    );
    await q.query(
      HALT_NOTICE(
        ` || jsonb_build_object('account_id', h.account_id, 'expires_at', h.expires_at,
          'account_label', (SELECT label FROM trading_accounts WHERE id = h.account_id))`,
        'h.account_id',
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(HALT_NOTICE('', 'NULL'));
    await q.query('DROP INDEX trading_halts_account_idx');
    await q.query(`
      ALTER TABLE trading_halts DROP CONSTRAINT trading_halts_account_has_firm, DROP COLUMN expires_at,
        DROP COLUMN account_id`);
  }
}
