import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { SyncedState1763700010000 } from '../../migrations/1763700010000-synced-state';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/** account_states' source, confirmed_at, positions and fill book; account_fills unique per account × fill id. */
describe('migration 1763700010000 synced-state (integration)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('synced_state_mig');
  });
  afterAll(() => db?.drop());

  const runner = (c: Client) => ({ query: (sql: string) => c.query(sql) }) as unknown as QueryRunner;
  const insertState = (c: Client, accountId: number, open: number, symbol: string | null) =>
    c.query(
      `INSERT INTO account_states (firm_code, program_id, account_id, balance, start_of_day_balance,
         high_water_mark_eod, high_water_mark_intraday, trading_day, open_contracts, avg_price, position_symbol)
       VALUES ('APEX', 4, $1, 50000, 50000, 50000, 50000, '2026-03-09', $2, $3, $4)`,
      [accountId, open, open === 0 ? null : '21500.25', symbol],
    );
  const insertFill = (c: Client, accountId: number, fillId: string) =>
    c.query(
      `INSERT INTO account_fills (account_id, fill_id, symbol, side, quantity, price, filled_at)
       VALUES ($1, $2, 'NQH6', 'BUY', 1, 21500.25, now())`,
      [accountId, fillId],
    );

  it('marks existing states manual with their single position as the position list; fills unique per account', () =>
    withClient(db.url, async (c) => {
      const migration = new SyncedState1763700010000();
      await migration.down(runner(c));
      await insertState(c, 7, -2, 'NQ');
      await insertState(c, 8, 0, null);
      await migration.up(runner(c));
      const rows = await c.query(
        'SELECT account_id, source, confirmed_at, positions, fill_book, working_order_refs FROM account_states ORDER BY account_id',
      );
      expect(rows.rows).toEqual([
        {
          account_id: 7,
          source: 'manual',
          confirmed_at: null,
          positions: [{ symbol: 'NQ', net_quantity: -2, avg_price: '21500.25' }],
          fill_book: [],
          working_order_refs: [],
        },
        {
          account_id: 8,
          source: 'manual',
          confirmed_at: null,
          positions: [],
          fill_book: [],
          working_order_refs: [],
        },
      ]);
      await expect(
        c.query("UPDATE account_states SET source = 'typed' WHERE account_id = 7"),
      ).rejects.toThrow(/check constraint/);
      await insertFill(c, 7, 'f-1');
      await insertFill(c, 8, 'f-1'); // another account may reuse the id
      await expect(insertFill(c, 7, 'f-1')).rejects.toThrow(/duplicate key/);
      await migration.down(runner(c));
      const cols = await c.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'account_states'
            AND column_name IN ('source', 'confirmed_at', 'positions', 'fill_book', 'working_order_refs')`,
      );
      expect(cols.rows).toEqual([]);
      await migration.up(runner(c));
    }));
});
