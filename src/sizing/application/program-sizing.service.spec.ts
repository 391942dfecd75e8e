import Decimal from 'decimal.js';
import { program } from '../../../test/sizing/sizing.mother';
import {
  FirmRecord,
  ProgramCatalog,
  ProgramRecord,
} from '../../registry/application/ports/program-catalog.port';
import { dec } from '../domain/sizing-decimal';
import { ProgramRuleOverrides } from '../domain/sizing-limits';
import { SizingRequest } from './ports/position-sizer.port';
import { SizingRuleSource } from './ports/sizing-rule-source.port';
import { ProgramSizingService } from './program-sizing.service';
import { SpecTableContractCatalog } from '../infrastructure/catalog/spec-table-contract-catalog';

class FakeProgramCatalog extends ProgramCatalog {
  readonly calls: number[][] = [];
  failure: Error | null = null;
  constructor(private readonly programs: ProgramRecord[]) {
    super();
  }
  async findFirmByCode(): Promise<FirmRecord | null> {
    return null;
  }
  async listActiveFirms(): Promise<FirmRecord[]> {
    return [];
  }
  async findProgram(id: number): Promise<ProgramRecord | null> {
    return this.programs.find((p) => p.id === id) ?? null;
  }
  async findPrograms(ids: number[]): Promise<Map<number, ProgramRecord>> {
    this.calls.push(ids);
    if (this.failure) throw this.failure;
    return new Map(this.programs.filter((p) => ids.includes(p.id)).map((p) => [p.id, p]));
  }
  async listPrograms(): Promise<ProgramRecord[]> {
    return [...this.programs];
  }
}

class FakeRules extends SizingRuleSource {
  constructor(
    private readonly rules: Record<string, ProgramRuleOverrides> = {},
    private readonly cap: Decimal = dec('0.05'),
  ) {
    super();
  }
  forProgram(firmCode: string, programId: number): ProgramRuleOverrides {
    return this.rules[`${firmCode}_${programId}`] ?? {};
  }
  globalMaxRiskPercent(): Decimal {
    return this.cap;
  }
}

const request = (overrides: Partial<SizingRequest> = {}): SizingRequest => ({
  firmCode: 'APEX',
  programId: 4,
  symbol: 'MNQ1!',
  entryPrice: 21010,
  stopLoss: 21000,
  riskPercent: 0.01,
  quantity: null,
  accountProfit: null,
  ...overrides,
});

const apex50k = program();
const apex100k = program({ id: 5, accountSize: 100000, maxContracts: 20, maxRiskPercent: 0.02 });
const ftmo = program({ id: 1, firmCode: 'FTMO', accountSize: 50000 });

function service(rules = new FakeRules(), programs = [apex50k, apex100k, ftmo]) {
  const catalog = new FakeProgramCatalog(programs);
  return { catalog, sizer: new ProgramSizingService(catalog, rules, new SpecTableContractCatalog()) };
}

describe('ProgramSizingService', () => {
  it('sizes every request in order, reading all programs in one catalogue call', async () => {
    const { catalog, sizer } = service();
    const results = await sizer.size([
      request(),
      request({ programId: 5 }),
      request({ firmCode: 'FTMO', programId: 1, symbol: 'CME_MINI:NQ1!' }),
      request({ programId: 5, quantity: 3 }),
    ]);
    expect(results.map((r) => [r.firm_code, r.program_id, r.status, r.computed_quantity])).toEqual([
      ['APEX', 4, 'APPROVED', 25],
      ['APEX', 5, 'APPROVED', 20],
      ['FTMO', 1, 'APPROVED', 2],
      ['APEX', 5, 'APPROVED', 3],
    ]);
    expect(results[1]).toMatchObject({
      rule: 'MAX_CONTRACTS',
      details: { capped_from: 50, max_contracts_source: 'registry' },
    });
    expect(catalog.calls).toEqual([[4, 5, 1]]);
  });

  it('lets env rules win over the registry', async () => {
    const rules = new FakeRules({
      APEX_5: { maxContracts: 7, maxRiskPercent: dec('0.005'), pointValue: dec('4') },
    });
    const [r] = await service(rules).sizer.size([request({ programId: 5, riskPercent: 0.005 })]);
    expect(r).toMatchObject({ computed_quantity: 7, rule: 'MAX_CONTRACTS' });
    expect(r.details).toMatchObject({
      multiplier: 4,
      point_value_source: 'env',
      max_contracts: 7,
      max_contracts_source: 'env',
      max_risk_percent: 0.005,
      max_risk_percent_source: 'env',
      capped_from: 12,
    });
  });

  it('uses the global cap from the rule source when neither env nor registry sets one', async () => {
    const [r] = await service(new FakeRules({}, dec('0.005'))).sizer.size([request({ riskPercent: 0.01 })]);
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'MAX_RISK_PERCENT' });
    expect(r.reason).toContain(
      'above the 0.5% maximum for APEX program 4 (SIZING_MAX_RISK_PERCENT safety cap)',
    );
  });

  it('follows a scaling ladder with the account profit from the request', async () => {
    const ladder = program({
      id: 7,
      firmCode: 'TOPSTEP',
      maxContracts: 5,
      scalingLadder: [
        { min_profit: 0, max_contracts: 2 },
        { min_profit: 1500, max_contracts: 3 },
        { min_profit: 2000, max_contracts: 5 },
      ],
    });
    const { sizer } = service(new FakeRules(), [ladder]);
    const at = (accountProfit: number | null) =>
      request({ firmCode: 'TOPSTEP', programId: 7, accountProfit });
    const results = await sizer.size([at(null), at(1499.99), at(1500), at(1999.99), at(2000)]);
    expect(results.map((r) => r.computed_quantity)).toEqual([2, 2, 3, 3, 5]);
  });

  it('sizes an unknown program with no account size: the user quantity passes, auto-sizing is rejected', async () => {
    const results = await service().sizer.size([
      request({ programId: 999, quantity: 2 }),
      request({ programId: 999 }),
    ]);
    expect(results[0]).toMatchObject({
      status: 'APPROVED',
      computed_quantity: 2,
      details: { account_size: null },
    });
    expect(results[1]).toMatchObject({ status: 'REJECTED', rule: 'MISSING_ACCOUNT_SIZE' });
  });

  it('rejects an unknown symbol without a configured point value, and sizes it with one', async () => {
    const rules = new FakeRules({ APEX_4: { pointValue: dec('10') } });
    const [unknown] = await service().sizer.size([request({ symbol: 'EURUSD' })]);
    const [configured] = await service(rules).sizer.size([request({ symbol: 'EURUSD' })]);
    expect(unknown).toMatchObject({ status: 'REJECTED', rule: 'UNKNOWN_SYMBOL' });
    expect(configured).toMatchObject({ status: 'APPROVED', computed_quantity: 5 });
  });

  it('turns a catalogue failure into SIZING_ERROR rejections for the whole batch, without throwing', async () => {
    const { catalog, sizer } = service();
    catalog.failure = new Error('connection refused');
    const results = await sizer.size([request(), request({ programId: 5, quantity: 1 })]);
    expect(results.map((r) => [r.status, r.rule, r.computed_quantity])).toEqual([
      ['REJECTED', 'SIZING_ERROR', null],
      ['REJECTED', 'SIZING_ERROR', null],
    ]);
    expect(results[0].reason).toBe(
      'Sizing could not run because the program catalogue is unavailable; no order is sized for APEX program 4',
    );
  });

  it('turns an unexpected failure of one request into a SIZING_ERROR for that request only', async () => {
    const rules = new FakeRules();
    rules.forProgram = (firmCode, programId) => {
      if (programId === 5) throw new Error('boom');
      return {};
    };
    const results = await service(rules).sizer.size([request({ programId: 5 }), request()]);
    expect(results.map((r) => [r.status, r.rule])).toEqual([
      ['REJECTED', 'SIZING_ERROR'],
      ['APPROVED', null],
    ]);
  });

  it('returns nothing for no requests without asking the catalogue', async () => {
    const { catalog, sizer } = service();
    expect(await sizer.size([])).toEqual([]);
    expect(catalog.calls).toEqual([]);
  });
});
