import { DataSource } from 'typeorm';
import { ProgramCatalog } from '../../src/registry/application/ports/program-catalog.port';
import { startTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

const counts = (url: string) =>
  withClient(url, async (c) => {
    const r = await c.query(
      `SELECT (SELECT COUNT(*) FROM prop_firms)::int AS firms, (SELECT COUNT(*) FROM prop_programs)::int AS programs,
              (SELECT COUNT(*) FROM prop_scaling_rules)::int AS rules`,
    );
    return r.rows[0] as { firms: number; programs: number; rules: number };
  });

describe('registry seed and ProgramCatalog (e2e)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('reg_seed');
  });
  afterAll(() => db.drop());

  it('seeds 11 firms / 33 programs / 33 rules once, and a second start-up adds nothing', async () => {
    const first = await startTestApp({ db });
    await first.close();
    expect(await counts(db.url)).toEqual({ firms: 11, programs: 33, rules: 33 });

    const second = await startTestApp({ db });
    await second.close();
    expect(await counts(db.url)).toEqual({ firms: 11, programs: 33, rules: 33 });
  });

  it('two apps starting at once on one database still leave 11 / 33 / 33 rows', async () => {
    const fresh = await createTestDatabase('reg_seed_race');
    try {
      const apps = await Promise.all([startTestApp({ db: fresh }), startTestApp({ db: fresh })]);
      await Promise.all(apps.map((a) => a.close()));
      expect(await counts(fresh.url)).toEqual({ firms: 11, programs: 33, rules: 33 });
    } finally {
      await fresh.drop();
    }
  });

  it('seeds in the seed order: ids 1-3 are FTMO 50k/100k/200k, 4-6 APEX, with the baseline values', async () => {
    const rows = await withClient(
      db.url,
      async (c) =>
        (
          await c.query(`SELECT p.id, f.code, p.name, p.account_size::float AS size FROM prop_programs p
                      JOIN prop_firms f ON f.id = p.firm_id WHERE p.id <= 6 ORDER BY p.id`)
        ).rows,
    );
    expect(rows).toEqual([
      { id: 1, code: 'FTMO', name: 'FTMO 50k Evaluation', size: 50000 },
      { id: 2, code: 'FTMO', name: 'FTMO 100k Evaluation', size: 100000 },
      { id: 3, code: 'FTMO', name: 'FTMO 200k Evaluation', size: 200000 },
      { id: 4, code: 'APEX', name: 'Apex Trader Funding 50k Evaluation', size: 50000 },
      { id: 5, code: 'APEX', name: 'Apex Trader Funding 100k Evaluation', size: 100000 },
      { id: 6, code: 'APEX', name: 'Apex Trader Funding 200k Evaluation', size: 200000 },
    ]);
    const codes = await withClient(
      db.url,
      async (c) => (await c.query('SELECT code FROM prop_firms ORDER BY id')).rows,
    );
    expect(codes.map((r) => r.code)).toEqual([
      'FTMO',
      'APEX',
      'TOPSTEP',
      'MFFU',
      'ALPHA',
      'TOPONE',
      'TRADEIFY',
      'FUNDINGTICKS',
      'FUNDEDNEXT',
      'AQUA',
      'TPT',
    ]);
  });

  it('does not re-create a baseline program an admin removed, on the next start-up', async () => {
    await withClient(db.url, (c) => c.query('DELETE FROM prop_programs WHERE id = 33'));
    const again = await startTestApp({ db });
    await again.close();
    expect(await counts(db.url)).toEqual({ firms: 11, programs: 32, rules: 32 });
  });

  it('ProgramCatalog returns numbers, meta-derived limits and null for unknown ids', async () => {
    const t = await startTestApp({ db });
    try {
      const catalog = t.app.get(ProgramCatalog);
      const p1 = await catalog.findProgram(1);
      expect(p1).toEqual({
        id: 1,
        firmId: 1,
        firmCode: 'FTMO',
        name: 'FTMO 50k Evaluation',
        accountSize: 50000,
        currency: 'USD',
        maxDailyLoss: 2500,
        maxTotalLoss: 5000,
        profitTarget: 5000,
        minTradingDays: 5,
        drawdownType: null,
        maxContracts: null,
        maxRiskPercent: null,
        scalingLadder: [],
        // the baseline seed's generic programs carry no typed rules (the catalogue import adds them)
        rules: {
          dailyLoss: null,
          drawdown: null,
          microRatio: null,
          perTradeLoss: null,
          consistency: null,
          news: null,
          scaling: null,
        },
        meta: { note: expect.stringMatching(/^Baseline generic program/), source: 'seed_v1' },
      });
      expect(await catalog.findProgram(9999)).toBeNull();

      const ladder = [
        { min_profit: 0, max_contracts: 2 },
        { min_profit: 1500, max_contracts: 3 },
      ];
      await t.app.get(DataSource).query(`UPDATE prop_programs SET meta = meta || $1::jsonb WHERE id = 4`, [
        JSON.stringify({
          drawdown_type: 'eod_trailing',
          max_contracts: 10,
          max_risk_percent: 0.015,
          scaling_ladder: ladder,
        }),
      ]);
      const admin = await t.login();
      // A registry write through the API clears this process's cache at once.
      const touch = await t.request('PATCH', '/api/prop-registry/programs/5', {
        token: admin,
        body: { scaling_plan: 'x' },
      });
      expect(touch.status).toBe(200);
      const found = await catalog.findPrograms([4, 5, 777]);
      expect([...found.keys()]).toEqual([4, 5]);
      expect(found.get(4)).toMatchObject({
        firmCode: 'APEX',
        accountSize: 50000,
        maxDailyLoss: 2500,
        drawdownType: 'eod_trailing',
        maxContracts: 10,
        maxRiskPercent: 0.015,
        scalingLadder: ladder,
      });

      expect(await catalog.findFirmByCode('apex')).toEqual({
        id: 2,
        code: 'APEX',
        name: 'Apex Trader Funding',
        status: 'active',
        meta: {},
        // no `trading_day` in the baseline seed: the risk gate uses TRADING_DAY_* for it
        tradingDay: null,
        flatBy: null,
      });
      expect(await catalog.findFirmByCode('NOPE')).toBeNull();
      expect((await catalog.listActiveFirms()).map((f) => f.code)).toHaveLength(11);
    } finally {
      await t.close();
    }
  });
});
