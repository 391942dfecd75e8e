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
import { AccountStateService } from './account-state.service';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import type { RiskCheckRequest } from './ports/risk-gate.port';
import { RiskGateService } from './risk-gate.service';
import { RiskSnapshotLoader } from './risk-snapshot.loader';

const POLICY = { rolloverMinute: 17 * 60, zone: 'America/New_York' };

/** Two trading accounts (7, 8) and the firm-level state on the same firm × program (APEX 4). */
function setup(maxContracts: number | null = null, env: Record<string, string> = { APEX_ENABLED: 'true' }) {
  const catalog = new FakeProgramCatalog(
    [aFirm('APEX')],
    [aProgramRecord({ id: 4, firmCode: 'APEX', maxContracts }), aProgramRecord({ id: 5, firmCode: 'APEX' })],
  );
  const contracts = new FakeContractCatalog();
  const states = new InMemoryAccountStates();
  const halts = new InMemoryHalts();
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z'));
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
  const service = new AccountStateService(states, catalog, contracts, clock, POLICY);
  return { gate, states, halts, service };
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

// 1,000 daily limit; a -900 day leaves 100 of room: a 1-lot NQ with a 10-point stop (200) does not fit.
const lossDay = (accountId: number) => anAccount({ accountId, realizedPnlToday: d(-900), balance: d(49100) });

describe('RiskGateService keyed by trading account', () => {
  it("checks an account against its own state: another account's or the firm-level loss does not count", async () => {
    const { gate, states } = setup();
    states.put(lossDay(7));
    const [seven, eight, firm, absent] = await gate.check([
      req({ accountId: 7 }),
      req({ accountId: 8 }), // nothing stored: a fresh account at the program's size
      req({ accountId: null }),
      req(),
    ]);
    expect(seven).toMatchObject({ rule: 'DAILY_LOSS_LIMIT', details: { headroom: 100, program_id: 4 } });
    expect([eight.status, firm.status, absent.status]).toEqual(['APPROVED', 'APPROVED', 'APPROVED']);
  });

  it("checks the firm-level state without an account, whatever the accounts' states", async () => {
    const { gate, states } = setup();
    states.put(lossDay(0));
    const [firm, seven] = await gate.check([req(), req({ accountId: 7 })]);
    expect(firm.rule).toBe('DAILY_LOSS_LIMIT');
    expect(seven.status).toBe('APPROVED');
  });

  it('a trading account needs no {FIRM}_ENABLED (its own enabled flag decides); the firm-level state does', async () => {
    const { gate } = setup(null, {});
    const [account, firm] = await gate.check([req({ accountId: 7 }), req()]);
    expect(account.status).toBe('APPROVED');
    expect(firm).toMatchObject({ status: 'REJECTED', rule: 'FIRM_DISABLED' });
  });

  it('reads every account of a batch in one read', async () => {
    const { gate, states, halts } = setup();
    await gate.check([req({ accountId: 7 }), req({ accountId: 8 }), req()]);
    expect([halts.activeCalls, states.findManyCalls]).toEqual([1, 1]);
  });

  it("nets an account's position against its own open contracts", async () => {
    const { gate, states } = setup(4);
    states.put(anAccount({ accountId: 7, openContracts: 3, positionSymbol: 'NQ', avgPrice: d(21500) }));
    const [seven, eight] = await gate.check([
      req({ accountId: 7, quantity: 2 }),
      req({ accountId: 8, quantity: 2 }),
    ]);
    expect(seven).toMatchObject({ rule: 'MAX_POSITION_SIZE', details: { open_contracts: 3 } });
    expect(eight.status).toBe('APPROVED');
  });

  it('reports profits per account: accountProfits, accountProfitsOfMany and the snapshot agree', async () => {
    const { gate, states } = setup();
    states.put(anAccount({ accountId: 0, balance: d(50100) }));
    states.put(anAccount({ accountId: 7, balance: d(52000) }));
    expect([...(await gate.accountProfits('APEX', [4, 5], 7))]).toEqual([
      [4, 2000],
      [5, 0],
    ]);
    expect([...(await gate.accountProfits('APEX', [4]))]).toEqual([[4, 100]]);
    const many = await gate.accountProfitsOfMany([
      { firmCode: 'APEX', programIds: [4], accountId: 7 },
      { firmCode: 'APEX', programIds: [4], accountId: 8 },
      { firmCode: 'APEX', programIds: [4], accountId: null },
    ]);
    expect(many.map((m) => m.get(4))).toEqual([2000, 0, 100]);
    const reading = await gate.snapshot([req({ accountId: 7 }), req({ accountId: 8 }), req()]);
    expect([7, 8, null].map((id) => reading.accountProfits('APEX', [4], id).get(4))).toEqual([2000, 0, 100]);
  });
});

describe('RiskReading (one read for profits and checks) and accounts it never read', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('fails closed for an account or a firm it did not read: RISK_ENGINE_ERROR, profits absent', async () => {
    const { gate, states } = setup();
    states.put(lossDay(7)); // account 7 would be refused on its own state
    const reading = await gate.snapshot([req()]); // read the firm-level state only
    const [seven, firm, exit] = reading.check([
      req({ accountId: 7 }),
      req(),
      req({ accountId: 7, eventType: 'exit', side: 'sell' }), // exits read no state
    ]);
    expect([seven.rule, firm.rule, exit.rule]).toEqual(['RISK_ENGINE_ERROR', null, null]);
    expect([...reading.accountProfits('APEX', [4], 7)]).toEqual([]);
    expect([...reading.accountProfits('APEX', [4])]).toEqual([[4, 0]]);
    const other = await gate.snapshot([req({ eventType: 'exit', side: 'sell' })]); // an exit reads no halts
    expect(other.check([req()])[0].rule).toBe('RISK_ENGINE_ERROR');
  });
});

describe('AccountStateService keyed by trading account', () => {
  const fill = { side: 'buy' as const, quantity: 2, price: 21500, symbol: 'NQ1!', filledAt: null };

  it("keeps two accounts on the same firm × program apart; an account's fill leaves the firm-level state", async () => {
    const { service, states } = setup();
    await service.recordFill('APEX', 4, fill, 7);
    await service.recordFill('APEX', 4, { ...fill, side: 'sell', price: 21510 }, 7); // +400 on account 7
    await service.recordFill('APEX', 4, { ...fill, quantity: 1 }, 8);
    const [seven, eight, firm] = await Promise.all([
      service.get('APEX', 4, 7),
      service.get('APEX', 4, 8),
      service.get('APEX', 4),
    ]);
    expect([seven.accountId, seven.balance.toNumber(), seven.openContracts]).toEqual([7, 50400, 0]);
    expect([eight.accountId, eight.balance.toNumber(), eight.openContracts]).toEqual([8, 50000, 1]);
    expect([firm.accountId, firm.balance.toNumber(), firm.openContracts]).toEqual([0, 50000, 0]);
    expect([...states.rows.keys()].sort()).toEqual(['APEX:4:7', 'APEX:4:8']); // the firm-level row never written
  });

  it("updates one account's state only", async () => {
    const { service } = setup();
    await service.update('APEX', 4, { balance: d(48000) }, 7);
    await service.update('APEX', 4, { balance: d(51000) });
    expect((await service.get('APEX', 4, 7)).balance.toNumber()).toBe(48000);
    expect((await service.get('APEX', 4, 8)).balance.toNumber()).toBe(50000);
    expect((await service.get('APEX', 4)).balance.toNumber()).toBe(51000);
    const listed = await service.list(10, 0);
    expect(listed.items.map((s) => [s.accountId, s.balance.toNumber()]).sort()).toEqual([
      [0, 51000],
      [7, 48000],
    ]);
  });
});
