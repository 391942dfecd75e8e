import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The equity history the dashboard draws (issue 17): one point per account state and minute (the minute's
 * last balance, open P&L and high-water marks: enough to draw the drawdown floor the risk gate computes),
 * written by a trigger whenever the state's money changes, whoever writes it (the sync, an operator, a
 * fill). Points older than 90 days are deleted as each new minute's point is written.
 */
export class AccountEquity1763700012000 implements MigrationInterface {
  name = 'AccountEquity1763700012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_equity_points (
        account_id INTEGER NOT NULL,
        firm_code VARCHAR(50) NOT NULL,
        program_id INTEGER NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        balance NUMERIC NOT NULL,
        open_pnl NUMERIC,
        high_water_mark_eod NUMERIC NOT NULL,
        high_water_mark_intraday NUMERIC NOT NULL,
        PRIMARY KEY (account_id, firm_code, program_id, at)
      )`);
    await q.query(`
      CREATE FUNCTION account_equity_point() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE minute TIMESTAMPTZ := date_trunc('minute', now());
      BEGIN
        UPDATE account_equity_points SET balance = NEW.balance, open_pnl = NEW.open_pnl,
            high_water_mark_eod = NEW.high_water_mark_eod, high_water_mark_intraday = NEW.high_water_mark_intraday
          WHERE account_id = NEW.account_id AND firm_code = NEW.firm_code AND program_id = NEW.program_id
            AND at = minute;
        IF NOT FOUND THEN
          INSERT INTO account_equity_points VALUES (NEW.account_id, NEW.firm_code, NEW.program_id, minute,
            NEW.balance, NEW.open_pnl, NEW.high_water_mark_eod, NEW.high_water_mark_intraday)
            ON CONFLICT DO NOTHING;
          DELETE FROM account_equity_points
            WHERE account_id = NEW.account_id AND firm_code = NEW.firm_code AND program_id = NEW.program_id
              AND at < minute - interval '90 days';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER account_states_equity_insert AFTER INSERT ON account_states
        FOR EACH ROW EXECUTE FUNCTION account_equity_point()`);
    await q.query(`
      CREATE TRIGGER account_states_equity_update AFTER UPDATE ON account_states
        FOR EACH ROW WHEN (OLD.balance IS DISTINCT FROM NEW.balance OR OLD.open_pnl IS DISTINCT FROM NEW.open_pnl
          OR OLD.high_water_mark_eod IS DISTINCT FROM NEW.high_water_mark_eod
          OR OLD.high_water_mark_intraday IS DISTINCT FROM NEW.high_water_mark_intraday)
        EXECUTE FUNCTION account_equity_point()`);
    // the states that exist now start their curves
    await q.query(`
      INSERT INTO account_equity_points
        SELECT account_id, firm_code, program_id, date_trunc('minute', updated_at), balance, open_pnl,
          high_water_mark_eod, high_water_mark_intraday
        FROM account_states`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER account_states_equity_update ON account_states');
    await q.query('DROP TRIGGER account_states_equity_insert ON account_states');
    await q.query('DROP FUNCTION account_equity_point()');
    await q.query('DROP TABLE account_equity_points');
  }
}
