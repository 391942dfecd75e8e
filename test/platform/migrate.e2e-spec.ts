import { runMigrations } from '../../src/platform/database/migrate';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

const SHIPPED = [
  'Auth1763700000000',
  'Registry1763700001000',
  'Risk1763700003000',
  'Routing1763700005000',
  'AuthSessions1763700007100',
  'Accounts1763700009000',
  'RiskAccounts1763700009200',
  'RoutingAccounts1763700009500',
  'SyncedState1763700010000',
  'Sync1763700010500',
  'Reconcile1763700010600',
  'Notifications1763700010900',
  'AccountFlattens1763700011000',
  'AccountHalts1763700011010',
  'FlatByRuns1763700011100',
  'EconomicCalendar1763700011200',
  'Guards1763700011400',
  'DailySummary1763700011410',
  'WebhookRefusals1763700011500',
  'AccountProgramKey1763700011510',
  'AccountEquity1763700012000',
  'SimulatorRuns1763700012200',
  'PaperLedger1763700012300',
  'AlertDedupe1763700012400',
  'ProtectionResizeNotice1763700012800',
  'ExecutionLogsLz41763700013000',
];

describe('runMigrations (e2e, Postgres)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrate', { empty: true });
  });
  afterAll(() => db?.drop());

  it('runs every shipped migration on a fresh database, then nothing on the next start', async () => {
    expect(await runMigrations(db.url)).toEqual(SHIPPED);
    expect(await runMigrations(db.url)).toEqual([]);
    const recorded = await withClient(db.url, async (c) =>
      (await c.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name),
    );
    expect(recorded).toEqual(SHIPPED);
  });

  it('runs the one that is missing from the migrations table', async () => {
    // the routing migration "not applied yet": its tables dropped and its row removed
    await withClient(db.url, async (c) => {
      await c.query('DROP TABLE orders, execution_logs, execution_tasks CASCADE');
      await c.query(`DELETE FROM migrations WHERE name = 'Routing1763700005000'`);
    });
    expect(await runMigrations(db.url)).toEqual(['Routing1763700005000']);
    const tables = await withClient(
      db.url,
      async (c) => (await c.query(`SELECT to_regclass('execution_tasks') IS NOT NULL AS ok`)).rows[0].ok,
    );
    expect(tables).toBe(true);
  });

  it('runs concurrent starts one at a time, each seeing the other done', async () => {
    const fresh = await createTestDatabase('migrate_race', { empty: true });
    try {
      const [a, b] = await Promise.all([runMigrations(fresh.url), runMigrations(fresh.url)]);
      expect([...a, ...b].sort()).toEqual([...SHIPPED].sort());
    } finally {
      await fresh.drop();
    }
  });
});
