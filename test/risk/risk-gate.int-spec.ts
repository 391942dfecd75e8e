import { Clock } from '../../src/platform/time/clock';
import { RiskCheckRequest, RiskGate } from '../../src/risk/application/ports/risk-gate.port';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from './support/risk.fakes';

// Seeded registry: 1–3 FTMO 50k/100k/200k, 4–6 APEX, 7–9 TOPSTEP, 10–12 MFFU; daily loss 5 %, total loss 10 %, no drawdown type (static).
const req = (o: Partial<RiskCheckRequest>): RiskCheckRequest => ({
  firmCode: 'APEX',
  programIds: [4],
  eventType: 'entry',
  symbol: 'NQ1!',
  side: 'buy',
  quantity: 1,
  entryPrice: 21500,
  stopLoss: 21490,
  riskPercent: null,
  ...o,
});

describe('RiskGate against Postgres and the seeded registry (integration)', () => {
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z')); // Monday 12:00 EDT
  let t: TestApp;
  let admin: string;
  let gate: RiskGate;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'risk_gate',
      env: {
        APEX_ENABLED: 'true',
        FTMO_ENABLED: 'true',
        TOPSTEP_ENABLED: 'true',
        APEX_MAX_DAILY_LOSS: '1000',
        APEX_MAX_POSITION_SIZE: '10',
        FTMO_MAX_RISK_PERCENT: '0.01',
        TOPSTEP_TRADING_WINDOW: '18:00-16:59',
        TOPSTEP_SUPPORTED_SYMBOLS: 'NQ,ES',
      },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    admin = await t.login();
    gate = t.app.get(RiskGate);
  });
  afterAll(() => t?.close());

  it('approves a fresh seeded account and rejects a firm that is not enabled', async () => {
    const results = await gate.check([req({}), req({ firmCode: 'MFFU', programIds: [10] })]);
    expect(results).toEqual([
      { firm_code: 'APEX', status: 'APPROVED', rule: null, reason: null, details: {} },
      expect.objectContaining({
        firm_code: 'MFFU',
        status: 'REJECTED',
        rule: 'FIRM_DISABLED',
        details: { firm_code: 'MFFU', variable: 'MFFU_ENABLED' },
      }),
    ]);
  });

  it('checks the daily loss headroom from recorded fills (env limit 1,000 over the seeded 2,500)', async () => {
    const fill = (side: string, price: number) =>
      t.request('POST', '/api/risk/accounts/APEX/4/fills', {
        token: admin,
        body: { side, quantity: 2, price, symbol: 'NQ' },
      });
    await fill('buy', 21500);
    expect((await fill('sell', 21480)).body.realized_pnl).toBe(-800);
    const [atLimit, inside] = await gate.check([req({ stopLoss: 21490 }), req({ stopLoss: 21490.25 })]);
    expect(atLimit).toMatchObject({
      status: 'REJECTED',
      rule: 'DAILY_LOSS_LIMIT',
      details: {
        limit: 1000,
        daily_pnl: -800,
        headroom: 200,
        worst_case: 200,
        trading_day: '2026-03-09',
        program_id: 4,
      },
    });
    expect(inside.status).toBe('APPROVED');
  });

  it('checks the static floor of the seeded 100k program (max loss 10,000)', async () => {
    await t.request('PUT', '/api/risk/accounts/APEX/5', { token: admin, body: { balance: 90500 } });
    const [reaches, inside, exit] = await gate.check([
      req({ programIds: [5], stopLoss: 21475 }),
      req({ programIds: [5], stopLoss: 21475.25 }),
      req({ programIds: [5], eventType: 'exit', side: 'sell', quantity: 50 }),
    ]);
    expect(reaches).toMatchObject({
      rule: 'MAX_LOSS_LIMIT',
      details: {
        drawdown_type: 'static',
        floor: 90000,
        equity: 90500,
        headroom: 500,
        worst_case: 500,
        program_id: 5,
      },
    });
    expect([inside.status, exit.status]).toEqual(['APPROVED', 'APPROVED']);
  });

  it('names the first failing program when a signal targets several', async () => {
    const [r] = await gate.check([req({ programIds: [6, 5, 4], stopLoss: 21475 })]);
    expect(r).toMatchObject({ rule: 'DAILY_LOSS_LIMIT', details: { program_id: 4 } });
  });

  it('applies the env position limit with open contracts', async () => {
    await t.request('PUT', '/api/risk/accounts/APEX/6', {
      token: admin,
      body: { open_contracts: 8, avg_price: 21400, position_symbol: 'NQ' },
    });
    const [fits, over] = await gate.check([
      req({ programIds: [6], quantity: 2, stopLoss: 21499 }),
      req({ programIds: [6], quantity: 3, stopLoss: 21499 }),
    ]);
    expect(fits.status).toBe('APPROVED');
    expect(over).toMatchObject({
      rule: 'MAX_POSITION_SIZE',
      details: { limit: 10, open_contracts: 8, projected_contracts: 11 },
    });
  });

  it('checks the firm risk percent against the seeded account size', async () => {
    const [declared, computed, ok] = await gate.check([
      req({ firmCode: 'FTMO', programIds: [1], riskPercent: 0.02 }),
      req({ firmCode: 'FTMO', programIds: [1], quantity: 3 }), // 600 of 50,000 = 1.2 %
      req({ firmCode: 'FTMO', programIds: [1], quantity: 2 }),
    ]);
    expect(declared).toMatchObject({
      rule: 'MAX_RISK_PERCENT',
      details: { limit: 0.01, risk_percent: 0.02 },
    });
    expect(computed).toMatchObject({
      rule: 'MAX_RISK_PERCENT',
      details: { computed_risk_percent: 0.012, worst_case: 600, account_size: 50000 },
    });
    expect(ok.status).toBe('APPROVED');
  });

  it('checks supported symbols and the trading window; exits skip the window', async () => {
    clock.set('2026-03-09T21:30:00Z'); // 17:30 EDT: the daily break
    const results = await gate.check([
      req({ firmCode: 'TOPSTEP', programIds: [7], symbol: 'CL1!' }),
      req({ firmCode: 'TOPSTEP', programIds: [7] }),
      req({ firmCode: 'TOPSTEP', programIds: [7], eventType: 'exit', side: 'sell' }),
    ]);
    expect(results.map((r) => r.rule)).toEqual(['SYMBOL_NOT_SUPPORTED', 'OUTSIDE_TRADING_WINDOW', null]);
    expect(results[1].details).toMatchObject({
      window: '18:00-16:59',
      local_time: '2026-03-09T17:30:00-04:00',
    });
    clock.set('2026-03-09T22:00:00Z'); // 18:00 EDT
    expect((await gate.check([req({ firmCode: 'TOPSTEP', programIds: [7] })]))[0].status).toBe('APPROVED');
  });

  it('rolls the day: after 17:00 New York the APEX loss no longer counts for the daily limit', async () => {
    // the clock is now Monday 18:00 EDT, trading day Tuesday
    expect((await gate.check([req({ stopLoss: 21490 })]))[0].status).toBe('APPROVED');
  });

  it('reports account profits for the sizing ladders', async () => {
    const profits = await gate.accountProfits('APEX', [4, 5, 6, 1]);
    expect(Object.fromEntries(profits)).toEqual({ 4: -800, 5: -9500, 6: 0 });
  });
});
