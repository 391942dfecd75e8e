import { Logger } from '@nestjs/common';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { anAccount, d } from '../../../test/risk/support/risk.mother';
import {
  aFirm,
  aProgramRecord,
  FakeClock,
  FakeContractCatalog,
  FakeProgramCatalog,
  InMemoryAccountStates,
  InMemoryHalts,
  InMemoryRiskState,
  FixedNewsCalendar,
} from '../../../test/risk/support/risk.fakes';
import { aValuation } from '../../../test/risk/support/risk.fakes';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import type { RiskCheckRequest } from './ports/risk-gate.port';
import { RiskGateService } from './risk-gate.service';
import { RiskSnapshotLoader } from './risk-snapshot.loader';

const POLICY = { rolloverMinute: 17 * 60, zone: 'America/New_York' };

function setup(env: Record<string, string> = { APEX_ENABLED: 'true', FTMO_ENABLED: 'true' }) {
  const catalog = new FakeProgramCatalog(
    [aFirm('APEX'), aFirm('FTMO'), aFirm('TOPSTEP', 'inactive')],
    [
      aProgramRecord({ id: 1, firmCode: 'FTMO' }),
      aProgramRecord({ id: 4, firmCode: 'APEX' }),
      aProgramRecord({ id: 5, firmCode: 'APEX', accountSize: 100000 }),
    ],
  );
  const contracts = new FakeContractCatalog();
  const states = new InMemoryAccountStates();
  const halts = new InMemoryHalts();
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z')); // Monday 12:00 EDT
  const config = new FirmRiskConfigReader(new FirmEnvReader(env), (s) => contracts.normalize(s));
  const loader = new RiskSnapshotLoader(
    catalog,
    new InMemoryRiskState(halts, states),
    clock,
    POLICY,
    new FixedNewsCalendar(),
  );
  const gate = new RiskGateService(loader, config, contracts, aValuation(contracts), catalog, states, {
    staleAfterMs: 10_000,
  });
  return { gate, catalog, states, halts, clock };
}

const req = (o: Partial<RiskCheckRequest> = {}): RiskCheckRequest => ({
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

describe('RiskGateService', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('returns one seed-style result per request, in order', async () => {
    const { gate } = setup();
    const results = await gate.check([
      req(),
      req({ firmCode: 'TOPSTEP' }),
      req({ firmCode: 'NOPE' }),
      req({ firmCode: 'FTMO', programIds: [1] }),
    ]);
    expect(results).toEqual([
      { firm_code: 'APEX', status: 'APPROVED', rule: null, reason: null, details: {} },
      expect.objectContaining({ firm_code: 'TOPSTEP', status: 'REJECTED', rule: 'FIRM_INACTIVE' }),
      expect.objectContaining({ firm_code: 'NOPE', status: 'REJECTED', rule: 'FIRM_NOT_FOUND' }),
      { firm_code: 'FTMO', status: 'APPROVED', rule: null, reason: null, details: {} },
    ]);
  });

  it('treats a firm without {FIRM}_ENABLED as disabled', async () => {
    const { gate } = setup({ APEX_ENABLED: 'true' });
    expect((await gate.check([req({ firmCode: 'FTMO', programIds: [1] })]))[0].rule).toBe('FIRM_DISABLED');
  });

  it('reads halts once and account states once per call, however many requests', async () => {
    const { gate, states, halts } = setup();
    await gate.check([req(), req({ programIds: [4, 5] }), req({ firmCode: 'FTMO', programIds: [1] })]);
    expect([halts.activeCalls, states.findManyCalls]).toEqual([1, 1]);
  });

  it('sees a halt created between two calls, and lets exits through it', async () => {
    const { gate, halts, clock } = setup();
    expect((await gate.check([req()]))[0].status).toBe('APPROVED');
    await halts.create({ firmCode: 'APEX', reason: 'FOMC', createdBy: 'admin', createdAt: clock.now() });
    const [entry, exit, other] = await gate.check([
      req(),
      req({ eventType: 'exit', side: 'sell' }),
      req({ firmCode: 'FTMO', programIds: [1] }),
    ]);
    expect(entry).toMatchObject({
      status: 'REJECTED',
      rule: 'TRADING_HALTED',
      details: { halt_id: 1, scope: 'firm', halt_reason: 'FOMC' },
    });
    expect([exit.status, other.status]).toEqual(['APPROVED', 'APPROVED']);
  });

  it('treats a program without a stored state as a fresh account at its size', async () => {
    const { gate } = setup();
    const [r] = await gate.check([req({ quantity: 5, stopLoss: 21490 })]); // worst case 1,000 = the 1,000 daily limit
    expect(r).toMatchObject({
      rule: 'DAILY_LOSS_LIMIT',
      details: { daily_pnl: 0, headroom: 1000, worst_case: 1000, program_id: 4 },
    });
  });

  it("rolls a stored state to today: yesterday's loss no longer counts against the daily limit", async () => {
    const { gate, states } = setup();
    states.put(
      anAccount({ programId: 4, realizedPnlToday: d(-900), balance: d(49100), tradingDay: '2026-03-06' }),
    );
    expect((await gate.check([req({ quantity: 2 })]))[0].status).toBe('APPROVED'); // worst case 400 < 1,000
    states.put(
      anAccount({ programId: 4, realizedPnlToday: d(-900), balance: d(49100), tradingDay: '2026-03-09' }),
    );
    expect((await gate.check([req({ quantity: 2 })]))[0]).toMatchObject({
      rule: 'DAILY_LOSS_LIMIT',
      details: { headroom: 100 },
    });
  });

  it('ignores program ids that belong to another firm and names the failing program of this one', async () => {
    const { gate, states } = setup();
    states.put(anAccount({ firmCode: 'APEX', programId: 5, balance: d(97000) })); // 100k account, static floor 97,500
    const [r] = await gate.check([req({ programIds: [1, 4, 5, 999] })]);
    expect(r).toMatchObject({
      rule: 'MAX_LOSS_LIMIT',
      details: { program_id: 5, floor: 97500, equity: 97000 },
    });
  });

  it('rejects every request with RISK_ENGINE_ERROR when its data cannot be read, and does not throw', async () => {
    const { gate, halts } = setup();
    halts.failWith = new Error('connection terminated');
    const results = await gate.check([req(), req({ firmCode: 'FTMO', programIds: [1] })]);
    expect(results.map((r) => [r.firm_code, r.status, r.rule])).toEqual([
      ['APEX', 'REJECTED', 'RISK_ENGINE_ERROR'],
      ['FTMO', 'REJECTED', 'RISK_ENGINE_ERROR'],
    ]);
  });

  it('rejects only the malformed request with RISK_ENGINE_ERROR', async () => {
    const { gate } = setup();
    const results = await gate.check([req({ entryPrice: Number.NaN }), req({ quantity: 1.5 }), req()]);
    expect(results.map((r) => r.rule)).toEqual(['RISK_ENGINE_ERROR', 'RISK_ENGINE_ERROR', null]);
  });

  it('answers an empty batch with an empty list', async () => {
    expect(await setup().gate.check([])).toEqual([]);
  });

  it('reports account profit per program of the firm: stored balance − size, fresh = 0, others absent', async () => {
    const { gate, states } = setup();
    states.put(anAccount({ programId: 4, balance: d(51234.5) }));
    const profits = await gate.accountProfits('apex', [4, 5, 1, 999]);
    expect([...profits.entries()]).toEqual([
      [4, 1234.5],
      [5, 0],
    ]);
  });
});
