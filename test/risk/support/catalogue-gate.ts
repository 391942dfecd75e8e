import { FirmEnvReader } from '../../../src/platform/config/firm-env.reader';
import { FirmRiskConfigReader } from '../../../src/risk/application/firm-risk-config.reader';
import type { RiskCheckRequest } from '../../../src/risk/application/ports/risk-gate.port';
import { RiskGateService } from '../../../src/risk/application/risk-gate.service';
import { RiskSnapshotLoader } from '../../../src/risk/application/risk-snapshot.loader';
import type { AccountState } from '../../../src/risk/domain/account-state';
import { catalogueFirms, cataloguePrograms } from './catalogue';
import { anAccount } from './risk.mother';
import {
  aValuation,
  FakeClock,
  FakeContractCatalog,
  FakeProgramCatalog,
  InMemoryAccountStates,
  InMemoryHalts,
  InMemoryRiskState,
  FixedNewsCalendar,
} from './risk.fakes';

/** The risk gate over the shipped catalogue (catalog/prop-firms.json), every firm enabled, at `now`. */
export function catalogueGate(now: string, env: Record<string, string> = {}) {
  const enabled = Object.fromEntries(catalogueFirms.map((f) => [`${f.code}_ENABLED`, 'true']));
  const contracts = new FakeContractCatalog();
  const states = new InMemoryAccountStates();
  const catalog = new FakeProgramCatalog(catalogueFirms, cataloguePrograms);
  const clock = new FakeClock(new Date(now));
  const all = { ...enabled, ...env };
  const config = new FirmRiskConfigReader(new FirmEnvReader(all), (s) => contracts.normalize(s));
  const policy = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
  const calendar = new FixedNewsCalendar();
  const loader = new RiskSnapshotLoader(
    catalog,
    new InMemoryRiskState(new InMemoryHalts(), states),
    clock,
    policy,
    calendar,
  );
  const gate = new RiskGateService(loader, config, contracts, aValuation(contracts, all), catalog, states, {
    staleAfterMs: 10_000,
  });
  return { gate, states, clock, calendar };
}

export type CatalogueGate = ReturnType<typeof catalogueGate>;

export const catalogueEntry = (
  firmCode: string,
  id: number,
  o: Partial<RiskCheckRequest> = {},
): RiskCheckRequest => ({
  firmCode,
  programIds: [id],
  eventType: 'entry',
  symbol: 'NQ1!',
  side: 'buy',
  quantity: 1,
  entryPrice: null,
  stopLoss: null,
  riskPercent: null,
  ...o,
});

export const catalogueState = (firmCode: string, id: number, o: Partial<AccountState>): AccountState =>
  anAccount({ firmCode, programId: id, ...o });

export async function ruleOf(s: CatalogueGate, r: RiskCheckRequest): Promise<string | null> {
  const [result] = await s.gate.check([r]);
  return result.rule;
}
