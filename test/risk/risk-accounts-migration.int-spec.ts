import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { RiskAccounts1763700009200 } from '../../migrations/1763700009200-risk-accounts';
import { DailySummary1763700011410 } from '../../migrations/1763700011410-daily-summary';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/** account_states keyed by (firm_code, program_id, account_id), and back. */
describe('migration 1763700009200 risk-accounts (integration)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('risk_acct_mig');
  });
  afterAll(() => db?.drop());

  const runner = (c: Client) => ({ query: (sql: string) => c.query(sql) }) as unknown as QueryRunner;
  const insert = (c: Client, accountId: number | null, balance: number) =>
    c.query(
      `INSERT INTO account_states (firm_code, program_id, ${accountId === null ? '' : 'account_id, '}balance,
         start_of_day_balance, high_water_mark_eod, high_water_mark_intraday, trading_day)
       VALUES ('APEX', 4, ${accountId === null ? '' : `${accountId}, `}$1, 50000, 50000, 50000, '2026-03-09')`,
      [balance],
    );
  const primaryKey = async (c: Client) =>
    (
      await c.query<{ col: string }>(
        `SELECT a.attname AS col FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = 'account_states'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      )
    ).rows.map((r) => r.col);

  it('keys by account (0 by default), and down keeps only the firm-level rows under the old key', () =>
    withClient(db.url, async (c) => {
      expect(await primaryKey(c)).toEqual(['firm_code', 'program_id', 'account_id']);
      await insert(c, null, 50100); // a writer unaware of accounts: the firm-level row
      await insert(c, 7, 48000);
      await insert(c, 8, 51000);
      await expect(insert(c, 7, 1)).rejects.toThrow(/duplicate key/);
      const rows = await c.query('SELECT account_id, balance::text FROM account_states ORDER BY account_id');
      expect(rows.rows).toEqual([
        { account_id: 0, balance: '50100' },
        { account_id: 7, balance: '48000' },
        { account_id: 8, balance: '51000' },
      ]);

      // migrations are undone newest first: the daily summary's trigger reads account_states.account_id
      const later = new DailySummary1763700011410();
      await later.down(runner(c));
      const migration = new RiskAccounts1763700009200();
      await migration.down(runner(c));
      expect(await primaryKey(c)).toEqual(['firm_code', 'program_id']);
      expect((await c.query('SELECT balance::text FROM account_states')).rows).toEqual([
        { balance: '50100' },
      ]);

      await migration.up(runner(c));
      await later.up(runner(c));
      expect(await primaryKey(c)).toEqual(['firm_code', 'program_id', 'account_id']);
      expect((await c.query('SELECT account_id FROM account_states')).rows).toEqual([{ account_id: 0 }]);
    }));
});
