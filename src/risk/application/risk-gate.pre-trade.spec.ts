import { FirmEnvReader } from '../../platform/config/firm-env.reader';
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

/**
 * The risk gate is the only pre-trade gate: `{FIRM}_SUPPORTED_SYMBOLS` and `{FIRM}_MAX_POSITION_SIZE` mean
 * what the connectors' own checks meant (seed `supports_symbol`: exact case-insensitive membership; here also
 * membership of the symbol's root; seed `max_position_size`: an order of more contracts is refused).
 */
function gateWith(env: Record<string, string>) {
  const catalog = new FakeProgramCatalog([aFirm('APEX')], [aProgramRecord({ id: 4, firmCode: 'APEX' })]);
  const contracts = new FakeContractCatalog();
  const states = new InMemoryAccountStates();
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z'));
  const config = new FirmRiskConfigReader(new FirmEnvReader({ APEX_ENABLED: 'true', ...env }), (s) =>
    contracts.normalize(s),
  );
  const loader = new RiskSnapshotLoader(
    catalog,
    new InMemoryRiskState(new InMemoryHalts(), states),
    clock,
    POLICY,
    new FixedNewsCalendar(),
  );
  return new RiskGateService(loader, config, contracts, aValuation(contracts), catalog, states, {
    staleAfterMs: 10_000,
  });
}

const req = (o: Partial<RiskCheckRequest> = {}): RiskCheckRequest => ({
  firmCode: 'APEX',
  programIds: [],
  eventType: 'entry',
  symbol: 'NQ1!',
  side: 'buy',
  quantity: 1,
  entryPrice: null,
  stopLoss: null,
  riskPercent: null,
  ...o,
});

const rules = async (env: Record<string, string>, requests: Partial<RiskCheckRequest>[]) =>
  (await gateWith(env).check(requests.map(req))).map((r) => r.rule ?? 'APPROVED');

describe('RiskGate: {FIRM}_SUPPORTED_SYMBOLS', () => {
  const env = { APEX_SUPPORTED_SYMBOLS: 'NQ1!, es ,EURUSD' };

  it('allows a listed symbol in any case (exact membership), entries and exits alike', async () => {
    expect(
      await rules(env, [
        { symbol: 'NQ1!' },
        { symbol: 'nq1!' },
        { symbol: 'ES' },
        { symbol: 'eurusd' },
        { symbol: 'EURUSD', eventType: 'exit', side: 'sell' },
      ]),
    ).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED']);
  });

  it("allows another form of a listed symbol's root (root membership)", async () => {
    expect(await rules(env, [{ symbol: 'NQZ5' }, { symbol: 'CME_MINI:ES1!' }, { symbol: 'esh26' }])).toEqual([
      'APPROVED',
      'APPROVED',
      'APPROVED',
    ]);
  });

  it('refuses a symbol neither listed nor of a listed root, exits included', async () => {
    expect(
      await rules(env, [
        { symbol: 'MNQ1!' },
        { symbol: 'MES' },
        { symbol: 'GBPUSD' },
        { symbol: 'EURUSD1' },
        { symbol: 'MNQ1!', eventType: 'exit', side: 'sell' },
      ]),
    ).toEqual(Array(5).fill('SYMBOL_NOT_SUPPORTED'));
  });

  it('allows every symbol when the variable is unset', async () => {
    expect(await rules({}, [{ symbol: 'CL1!' }, { symbol: 'ANYTHING' }])).toEqual(['APPROVED', 'APPROVED']);
  });
});

describe('RiskGate: {FIRM}_MAX_POSITION_SIZE', () => {
  const env = { APEX_MAX_POSITION_SIZE: '5' };

  it('allows an order at the limit and refuses one over, with or without a program', async () => {
    expect(
      await rules(env, [
        { quantity: 5 },
        { quantity: 6 },
        { quantity: 5, programIds: [4] },
        { quantity: 6, programIds: [4] },
        { quantity: 6, side: 'sell' },
      ]),
    ).toEqual(['APPROVED', 'MAX_POSITION_SIZE', 'APPROVED', 'MAX_POSITION_SIZE', 'MAX_POSITION_SIZE']);
  });

  it('is off when the variable is unset', async () => {
    expect(await rules({}, [{ quantity: 100 }])).toEqual(['APPROVED']);
  });
});
