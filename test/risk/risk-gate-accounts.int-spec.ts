import Decimal from 'decimal.js';
import { Clock } from '../../src/platform/time/clock';
import { AccountStateRepository } from '../../src/risk/application/ports/account-state.repository.port';
import { RiskCheckRequest, RiskGate } from '../../src/risk/application/ports/risk-gate.port';
import type { AccountState } from '../../src/risk/domain/account-state';
import { withClient } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from './support/risk.fakes';

// Seeded registry: program 4 = APEX 50k. APEX_MAX_DAILY_LOSS 1,000.
const req = (o: Partial<RiskCheckRequest>): RiskCheckRequest => ({
  firmCode: 'APEX',
  programIds: [4],
  eventType: 'entry',
  symbol: 'NQ1!',
  side: 'buy',
  quantity: 1,
  entryPrice: 21500,
  stopLoss: 21490, // worst case 200
  riskPercent: null,
  ...o,
});

/** The risk gate on Postgres, per trading account: each account is checked against its own stored state. */
describe('RiskGate per trading account, against Postgres (integration)', () => {
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z'));
  let t: TestApp;
  let gate: RiskGate;

  const state = (accountId: number, realized: number): AccountState => ({
    firmCode: 'APEX',
    programId: 4,
    accountId,
    balance: new Decimal(50000 + realized),
    startOfDayBalance: new Decimal(50000),
    realizedPnlToday: new Decimal(realized),
    openPnl: new Decimal(0),
    highWaterMarkEod: new Decimal(50000),
    highWaterMarkIntraday: new Decimal(50000),
    openContracts: 0,
    avgPrice: null,
    positionSymbol: null,
    positions: [],
    fillBook: [],
    source: 'manual',
    confirmedAt: null,
    workingOrderRefs: [],
    tradingDay: '2026-03-09',
    updatedAt: clock.now(),
  });

  beforeAll(async () => {
    t = await startTestApp({
      label: 'risk_gate_accounts',
      env: { APEX_ENABLED: 'true', APEX_MAX_DAILY_LOSS: '1000' },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    gate = t.app.get(RiskGate);
    const repo = t.app.get(AccountStateRepository);
    for (const s of [state(0, -100), state(7, -900), state(8, 1500)])
      await repo.update(s, s, () => ({ state: s }));
  });
  afterAll(() => t?.close());

  it('checks each account against its own state, the firm-level check against the firm-level state', async () => {
    const results = await gate.check([
      req({ accountId: 7 }), // 100 of room left: a 200 worst case does not fit
      req({ accountId: 8 }),
      req({ accountId: 9 }), // never stored: fresh
      req({ accountId: null }),
      req({}),
    ]);
    expect(results.map((r) => r.rule)).toEqual(['DAILY_LOSS_LIMIT', null, null, null, null]);
    expect(results[0].details).toMatchObject({ daily_pnl: -900, headroom: 100, program_id: 4 });
  });

  it('answers profits per account, from the same single read as the checks', async () => {
    const reading = await gate.snapshot([req({ accountId: 7 }), req({ accountId: 8 }), req({})]);
    expect(reading).not.toBeNull();
    // account 9 was not among the snapshot's requests: unknown to it, so absent (never taken for a fresh one)
    expect([7, 8, 9, null].map((id) => reading!.accountProfits('APEX', [4], id).get(4))).toEqual([
      -900,
      1500,
      undefined,
      -100,
    ]);
    expect(reading!.check([req({ accountId: 9 })])[0].rule).toBe('RISK_ENGINE_ERROR');
    expect(Object.fromEntries(await gate.accountProfits('APEX', [4], 8))).toEqual({ 4: 1500 });
    expect(Object.fromEntries(await gate.accountProfits('APEX', [4]))).toEqual({ 4: -100 });
  });

  it('stores the three states as three rows of account_states', () =>
    withClient(t.db.url, async (c) => {
      const rows = await c.query(
        "SELECT account_id, balance::text FROM account_states WHERE firm_code = 'APEX' ORDER BY account_id",
      );
      expect(rows.rows).toEqual([
        { account_id: 0, balance: '49900' },
        { account_id: 7, balance: '49100' },
        { account_id: 8, balance: '51500' },
      ]);
    }));
});
