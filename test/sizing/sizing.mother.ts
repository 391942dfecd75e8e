import { specForSymbol } from '../../src/sizing/domain/symbol-normalizer';
import { resolvePointValue } from '../../src/sizing/domain/point-value';
import { dec } from '../../src/sizing/domain/sizing-decimal';
import { SizingInput } from '../../src/sizing/domain/sizing-input';
import { SizingLimits } from '../../src/sizing/domain/sizing-limits';
import { NO_RULE_SET, ProgramRecord } from '../../src/registry/application/ports/program-catalog.port';

/** Object Mothers for sizing tests: the seed's worked example (APEX program 4, $50k, MNQ, 1%, 10 points). */
export function limits(overrides: Partial<SizingLimits> = {}): SizingLimits {
  return {
    maxContracts: null,
    minContracts: null,
    maxRiskPercent: { value: dec('0.05'), source: 'global' },
    ...overrides,
  };
}

export function sizingInput(overrides: Partial<SizingInput> = {}): SizingInput {
  const symbol = overrides.symbol ?? 'MNQ';
  return {
    firmCode: 'APEX',
    programId: 4,
    symbol,
    accountSize: 50000,
    programFirmCode: 'APEX',
    entryPrice: 21010,
    stopLoss: 21000,
    riskPercent: 0.01,
    quantity: null,
    accountProfit: null,
    pointValue: resolvePointValue(symbol, specForSymbol(symbol)),
    limits: limits(),
    ...overrides,
  };
}

export function program(overrides: Partial<ProgramRecord> = {}): ProgramRecord {
  return {
    id: 4,
    firmId: 2,
    firmCode: 'APEX',
    name: 'Apex 50K',
    accountSize: 50000,
    currency: 'USD',
    maxDailyLoss: null,
    maxTotalLoss: 2500,
    profitTarget: 3000,
    drawdownType: 'eod_trailing',
    maxContracts: null,
    maxRiskPercent: null,
    scalingLadder: [],
    rules: NO_RULE_SET,
    meta: {},
    ...overrides,
  };
}
