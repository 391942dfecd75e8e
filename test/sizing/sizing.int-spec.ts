import { ContractCatalog } from '../../src/sizing/application/ports/contract-catalog.port';
import { PositionSizer, SizingRequest } from '../../src/sizing/application/ports/position-sizer.port';
import { withClient } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/** Sizing against the seeded registry in Postgres (seed_v1: FTMO 1–3, APEX 4–6, TOPSTEP 7–9 at 50k/100k/200k). */
describe('sizing against the seeded registry (integration)', () => {
  let t: TestApp;
  let sizer: PositionSizer;

  const request = (overrides: Partial<SizingRequest>): SizingRequest => ({
    firmCode: 'FTMO',
    programId: 1,
    symbol: 'MNQ1!',
    entryPrice: 21010,
    stopLoss: 21000,
    riskPercent: 0.01,
    quantity: null,
    accountProfit: null,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp({
      label: 'sizing',
      env: {
        APEX_5_MAX_CONTRACTS: '3',
        FTMO_2_MAX_RISK_PERCENT: '0.01',
        SIZING_MAX_RISK_PERCENT: '0.03',
        REGISTRY_CACHE_TTL_MS: '0',
      },
    });
    const ladder = [
      { min_profit: 0, max_contracts: 2 },
      { min_profit: 1500, max_contracts: 3 },
      { min_profit: 2000, max_contracts: 5 },
    ];
    await withClient(t.db.url, (c) =>
      c.query(`UPDATE prop_programs SET meta = meta || $1::jsonb WHERE id = 7`, [
        JSON.stringify({ max_contracts: 5, scaling_ladder: ladder }),
      ]),
    );
    sizer = t.app.get(PositionSizer);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("sizes the seed's worked example on FTMO's 50k program from the database: 25 contracts", async () => {
    const [r] = await sizer.size([request({})]);
    expect(r).toEqual({
      firm_code: 'FTMO',
      program_id: 1,
      status: 'APPROVED',
      rule: null,
      reason: null,
      computed_quantity: 25,
      details: expect.objectContaining({
        account_size: 50000,
        risk_percent: 0.01,
        stop_distance: 10,
        multiplier: 2,
      }),
    });
  });

  it('sizes a batch in order with env rules over the registry, the global cap and unknown programs', async () => {
    const results = await sizer.size([
      request({ firmCode: 'APEX', programId: 5, symbol: 'CME_MINI:NQ1!' }),
      request({ programId: 2, riskPercent: 0.02 }),
      request({ programId: 3, riskPercent: 0.04 }),
      request({ programId: 3, riskPercent: 0.03, symbol: 'ESZ2025', entryPrice: 6000, stopLoss: 5990 }),
      request({ firmCode: 'APEX', programId: 999, quantity: 2 }),
      request({ firmCode: 'APEX', programId: 999 }),
      request({ firmCode: 'APEX', programId: 1 }),
      request({ symbol: 'EURUSD' }),
    ]);
    expect(results.map((r) => [r.firm_code, r.program_id, r.status, r.rule, r.computed_quantity])).toEqual([
      ['APEX', 5, 'APPROVED', 'MAX_CONTRACTS', 3],
      ['FTMO', 2, 'REJECTED', 'MAX_RISK_PERCENT', null],
      ['FTMO', 3, 'REJECTED', 'MAX_RISK_PERCENT', null],
      ['FTMO', 3, 'APPROVED', null, 12],
      ['APEX', 999, 'APPROVED', null, 2],
      ['APEX', 999, 'REJECTED', 'MISSING_ACCOUNT_SIZE', null],
      ['APEX', 1, 'REJECTED', 'PROGRAM_FIRM_MISMATCH', null],
      ['FTMO', 1, 'REJECTED', 'UNKNOWN_SYMBOL', null],
    ]);
    expect(results[0].details).toMatchObject({
      account_size: 100000,
      capped_from: 5,
      max_contracts_source: 'env',
    });
    expect(results[1].reason).toBe(
      'Risk 2% per trade is above the 1% maximum for FTMO program 2 (FTMO_2_MAX_RISK_PERCENT)',
    );
    expect(results[2].reason).toBe(
      'Risk 4% per trade is above the 3% maximum for FTMO program 3 (SIZING_MAX_RISK_PERCENT safety cap)',
    );
    expect(results[3].details).toMatchObject({
      account_size: 200000,
      risk_amount: 6000,
      risk_per_contract: 500,
    });
  });

  it("follows the program's scaling ladder from registry meta as the account profit crosses each threshold", async () => {
    const at = (accountProfit: number | null) =>
      request({ firmCode: 'TOPSTEP', programId: 7, accountProfit });
    const results = await sizer.size([at(null), at(1499.99), at(1500), at(1999.99), at(2000), at(50000)]);
    expect(results.map((r) => r.computed_quantity)).toEqual([2, 2, 3, 3, 5, 5]);
    expect(results[2].details).toMatchObject({
      ladder_tier: { min_profit: 1500, max_contracts: 3 },
      capped_from: 25,
    });
  });

  it('follows a ladder an admin edits through the registry API, from the next sizing on', async () => {
    const at = (accountProfit: number) => request({ firmCode: 'TOPSTEP', programId: 8, accountProfit });
    const [before] = await sizer.size([at(1600)]);
    expect([before.status, before.computed_quantity]).toEqual(['APPROVED', 50]);

    const token = await t.login();
    const ladder = [
      { min_profit: 0, max_contracts: 2 },
      { min_profit: 1500, max_contracts: 3 },
    ];
    const patched = await t.request('PATCH', '/api/prop-registry/programs/8', {
      token,
      body: { meta: { scaling_ladder: ladder } },
    });
    expect(patched.status).toBe(200);
    const results = await sizer.size([at(1499.99), at(1600)]);
    expect(results.map((r) => r.computed_quantity)).toEqual([2, 3]);
    expect(results[1].details).toMatchObject({
      ladder_tier: { min_profit: 1500, max_contracts: 3 },
      capped_from: 50,
    });
  });

  it('exports the contract catalogue for the other contexts', () => {
    const catalog = t.app.get(ContractCatalog);
    expect([catalog.normalize('CME_MINI:NQ1!'), catalog.spec('MESZ5')?.pointValue]).toEqual(['NQ', 5]);
  });
});
