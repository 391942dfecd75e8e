import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { catalogueFirms, cataloguePrograms } from '../../../test/risk/support/catalogue';
import {
  aValuation,
  FakeClock,
  FakeContractCatalog,
  FakeProgramCatalog,
  InMemoryAccountStates,
  InMemoryHalts,
  InMemoryRiskState,
  FixedNewsCalendar,
} from '../../../test/risk/support/risk.fakes';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import type { RiskCheckRequest } from './ports/risk-gate.port';
import { RiskGateService } from './risk-gate.service';
import { RiskSnapshotLoader } from './risk-snapshot.loader';

/** The catalogue's flat-by times (firm `flat_by`), as the gate applies them to entries and exits. */
const POLICY = { rolloverMinute: 17 * 60, zone: 'America/New_York' };

function gateAt(now: string) {
  const env = Object.fromEntries(catalogueFirms.map((f) => [`${f.code}_ENABLED`, 'true']));
  const contracts = new FakeContractCatalog();
  const states = new InMemoryAccountStates();
  const catalog = new FakeProgramCatalog(catalogueFirms, cataloguePrograms);
  const loader = new RiskSnapshotLoader(
    catalog,
    new InMemoryRiskState(new InMemoryHalts(), states),
    new FakeClock(new Date(now)),
    POLICY,
    new FixedNewsCalendar(),
  );
  const config = new FirmRiskConfigReader(new FirmEnvReader(env), (s) => contracts.normalize(s));
  return new RiskGateService(loader, config, contracts, aValuation(contracts, env), catalog, states, {
    staleAfterMs: 10_000,
  });
}

const programOf = (firm: string) => cataloguePrograms.find((p) => p.firmCode === firm)!.id;
const order = (firmCode: string, eventType: 'entry' | 'exit'): RiskCheckRequest => ({
  firmCode,
  programIds: [programOf(firmCode)],
  eventType,
  symbol: 'NQ1!',
  side: 'buy',
  quantity: 1,
  entryPrice: null,
  stopLoss: null,
  riskPercent: null,
});

async function ruleAt(now: string, firm: string, eventType: 'entry' | 'exit' = 'entry') {
  const [result] = await gateAt(now).check([order(firm, eventType)]);
  return result.rule ?? result.status;
}

describe('flat-by times from the catalogue, through the gate', () => {
  it.each([
    ['TOPSTEP', '2026-03-09T20:09:00Z', 'APPROVED'], // 15:09 CDT
    ['TOPSTEP', '2026-03-09T20:10:00Z', 'FLAT_BY'], // 15:10 CDT
    ['APEX', '2026-03-09T20:58:00Z', 'APPROVED'], // 16:58 EDT
    ['APEX', '2026-03-09T20:59:00Z', 'FLAT_BY'],
    ['ALPHA', '2026-03-09T20:19:00Z', 'APPROVED'], // 16:19 EDT
    ['ALPHA', '2026-03-09T20:20:00Z', 'FLAT_BY'],
    ['FTMO', '2026-03-09T20:59:00Z', 'APPROVED'], // no flat-by time
    ['APEX', '2026-03-09T21:00:00Z', 'APPROVED'], // 17:00 EDT: the next session
  ])('%s entry at %s → %s', async (firm, now, expected) => {
    expect(await ruleAt(now, firm)).toBe(expected);
  });

  it('says when entries reopen, and lets exits through', async () => {
    const [denied] = await gateAt('2026-03-09T20:10:00Z').check([order('TOPSTEP', 'entry')]);
    expect(denied.reason).toBe(
      "Past the firm's flat-by time 15:10 America/Chicago; entries reopen at 2026-03-09T17:00:00-04:00",
    );
    expect(await ruleAt('2026-03-09T20:10:00Z', 'TOPSTEP', 'exit')).toBe('APPROVED');
  });
});
