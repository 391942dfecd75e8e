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
const NOW = new Date('2026-03-09T16:00:00.000Z');

/** Program 4 (APEX) with a 2-contract limit; account 7's state as the test puts it. */
function setup() {
  const catalog = new FakeProgramCatalog(
    [aFirm('APEX')],
    [aProgramRecord({ id: 4, firmCode: 'APEX', maxContracts: 2 })],
  );
  const contracts = new FakeContractCatalog();
  const states = new InMemoryAccountStates();
  const reader = new InMemoryRiskState(new InMemoryHalts(), states);
  const clock = new FakeClock(NOW);
  const config = new FirmRiskConfigReader(new FirmEnvReader({ APEX_ENABLED: 'true' }), (s) =>
    contracts.normalize(s),
  );
  const loader = new RiskSnapshotLoader(catalog, reader, clock, POLICY, new FixedNewsCalendar());
  const gate = new RiskGateService(loader, config, contracts, aValuation(contracts), catalog, states, {
    staleAfterMs: 10_000,
  });
  return { gate, states, reader };
}

const req = (o: Partial<RiskCheckRequest> = {}): RiskCheckRequest => ({
  firmCode: 'APEX',
  accountId: 7,
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
const platform = (ageMs: number, openContracts = 0) =>
  anAccount({
    accountId: 7,
    source: 'platform',
    confirmedAt: new Date(NOW.getTime() - ageMs),
    openContracts,
  });

describe('RiskGateService on platform-synced states', () => {
  it('rejects an entry on a platform state confirmed longer ago than SYNC_STALE_MS, lets exits through', async () => {
    const { gate, states } = setup();
    states.put(platform(10_001));
    const [entry, exit] = await gate.check([req(), req({ eventType: 'exit', side: 'sell' })]);
    expect(entry).toMatchObject({ status: 'REJECTED', rule: 'ACCOUNT_STATE_STALE' });
    expect(entry.reason).toContain('10.001 s ago');
    expect(exit.status).toBe('APPROVED');
  });

  it('approves on a fresh platform state and on a manual one however old', async () => {
    const { gate, states } = setup();
    states.put(platform(10_000));
    expect((await gate.check([req()]))[0].status).toBe('APPROVED');
    states.put(anAccount({ accountId: 7, updatedAt: new Date('2026-01-01T00:00:00Z') }));
    expect((await gate.check([req()]))[0].status).toBe('APPROVED');
  });

  it('counts the pending exposure the read found against the contract limit', async () => {
    const { gate, states, reader } = setup();
    states.put(platform(100, 1));
    reader.pending.set('APEX:4:7', { buy: 1, sell: 0 });
    const [r] = await gate.check([req()]);
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'MAX_POSITION_SIZE' });
    expect(r.details).toMatchObject({
      open_contracts: 1,
      pending_buy_contracts: 1,
      projected_contracts: 3,
      headroom: 0,
    });
    reader.pending.clear();
    expect((await gate.check([req()]))[0].status).toBe('APPROVED');
  });

  it('approves one of two entries of one read on an account with room for one (checks of one reading)', async () => {
    const { gate, states } = setup();
    states.put(platform(100, 1));
    const reading = (await gate.snapshot([req()]))!;
    expect(reading.check([req()])[0].status).toBe('APPROVED');
    const second = reading.check([req()])[0];
    expect(second).toMatchObject({ status: 'REJECTED', rule: 'MAX_POSITION_SIZE' });
    expect(second.details).toMatchObject({ pending_buy_contracts: 1 });
    // and within one check() call
    expect((await gate.check([req(), req()])).map((r) => r.status)).toEqual(['APPROVED', 'REJECTED']);
  });

  it('reserves nothing for a rejected entry, nor on a manual state (whose position is what was typed in)', async () => {
    const { gate, states } = setup();
    states.put(platform(100, 1));
    const results = await gate.check([req({ quantity: 2 }), req()]);
    expect(results.map((r) => r.status)).toEqual(['REJECTED', 'APPROVED']);
    states.put(anAccount({ accountId: 7, openContracts: 1 }));
    expect((await gate.check([req(), req()])).map((r) => r.status)).toEqual(['APPROVED', 'APPROVED']);
  });

  it('spends the daily-loss room once among the entries of one read (platform state)', async () => {
    const { gate, states } = setup();
    // program 4: 1,000 daily; −700 today leaves 300: one 1-lot NQ with a 10-point stop (200) fits, not two
    states.put(anAccount({ ...platform(100), realizedPnlToday: d(-700), balance: d(49300) }));
    const results = await gate.check([req({ symbol: 'NQ1!' }), req({ side: 'sell', stopLoss: 21510 })]);
    expect(results.map((r) => r.rule)).toEqual([null, 'DAILY_LOSS_LIMIT']);
    expect(results[1].details).toMatchObject({ worst_case: 200, pending_worst_case: 200, headroom: 300 });
  });

  it('an entry sized down to fit reserves what it will send, not what it asked for', async () => {
    const { gate, states } = setup();
    // 2-contract limit, 1,000 daily with −300 today: 700 left; an NQ contract with a 10-point stop risks 200
    states.put(anAccount({ ...platform(100), realizedPnlToday: d(-300), balance: d(49700) }));
    const fit = { sizeToFit: { minQuantity: 1 } };
    const [a, b] = await gate.check([
      req({ quantity: 3, ...fit }), // 2 fit the contract limit: 400 reserved, not 600
      req({ quantity: 2, side: 'sell', stopLoss: 21510, ...fit }), // 300 left: 1 fits (2 would reach it)
    ]);
    expect(a).toMatchObject({
      rule: 'MAX_POSITION_SIZE',
      approved_quantity: 2,
      details: { capped_from: 3, worst_case: 400 },
    });
    expect(b).toMatchObject({
      status: 'APPROVED',
      rule: 'DAILY_LOSS_LIMIT',
      approved_quantity: 1,
      details: { rooms: { DAILY_LOSS_LIMIT: 300 } },
    });
  });

  it('spends the daily-loss room of the entries sent and not yet reported, as the read listed them', async () => {
    const { gate, states, reader } = setup();
    states.put(anAccount({ ...platform(100), realizedPnlToday: d(-700), balance: d(49300) }));
    const sent = (stop: string) => ({
      buy: 1,
      sell: 0,
      entries: [{ symbol: 'NQ', quantity: 1, entryPrice: d(21500), stopLoss: d(stop) }],
    });
    // 300 left: a pending 1-lot with a 5-point stop (100) leaves room for this 200 to the cent
    reader.pending.set('APEX:4:7', sent('21495.01'));
    expect((await gate.check([req()]))[0].status).toBe('APPROVED');
    reader.pending.set('APEX:4:7', sent('21495'));
    const [at] = await gate.check([req()]);
    expect(at).toMatchObject({ status: 'REJECTED', rule: 'DAILY_LOSS_LIMIT' });
    expect(at.details).toMatchObject({ worst_case: 200, pending_worst_case: 100, headroom: 300 });
    expect(at.reason).toContain('with 100 of pending entries');
  });
});
