import { program, sizingInput } from '../../../test/sizing/sizing.mother';
import { computeContractSize } from './compute-contract-size';
import { rungFor } from './scaling-ladder';
import { dec } from './sizing-decimal';
import { profitBreaks, resolveLimits } from './sizing-limits';

/** Topstep's funded scaling plans (../shared/reference/prop_firms.json): 50K 2 → 3 → 5, 100K 3 → 4 → 5 → 10. */
const topstep50k = program({
  id: 7,
  firmCode: 'TOPSTEP',
  maxContracts: 5,
  scalingLadder: [
    { min_profit: 0, max_contracts: 2 },
    { min_profit: 1500, max_contracts: 3 },
    { min_profit: 2000, max_contracts: 5 },
  ],
});
const topstep100kLadder = [
  { min_profit: 0, max_contracts: 3 },
  { min_profit: 1500, max_contracts: 4 },
  { min_profit: 2000, max_contracts: 5 },
  { min_profit: 3000, max_contracts: 10 },
];
const cap = dec('0.05');

describe('scaling ladder', () => {
  it.each([
    [null, 2],
    [-800, 2],
    [0, 2],
    [1499.99, 2],
    [1500, 3],
    [1500.01, 3],
    [1999.99, 3],
    [2000, 5],
    [2000.01, 5],
    [25000, 5],
  ])('Topstep 50K at profit %s allows %d contracts', (profit, max) => {
    expect(resolveLimits({}, topstep50k, cap, profit).maxContracts).toMatchObject({
      value: max,
      source: 'scaling_ladder',
    });
  });

  it.each([
    [1499.99, 3],
    [1500, 4],
    [1999.99, 4],
    [2000, 5],
    [2999.99, 5],
    [3000, 10],
    [3000.01, 10],
  ])('Topstep 100K at profit %s allows %d contracts', (profit, max) => {
    expect(rungFor(topstep100kLadder, profit)?.max_contracts).toBe(max);
  });

  it('reads an unsorted ladder in threshold order and has no rung when empty', () => {
    expect(rungFor([...topstep100kLadder].reverse(), 2500)).toEqual({ min_profit: 2000, max_contracts: 5 });
    expect(rungFor([], 2500)).toBeNull();
  });

  it("never lets a rung exceed the program's own max contracts", () => {
    const tight = program({ ...topstep50k, maxContracts: 4 });
    expect(resolveLimits({}, tight, cap, 5000).maxContracts?.value).toBe(4);
  });

  it('caps a computed quantity by the rung, shows the rung and the profit, and grows at the threshold', () => {
    const input = (accountProfit: number) =>
      sizingInput({
        firmCode: 'TOPSTEP',
        programId: 7,
        programFirmCode: 'TOPSTEP',
        accountProfit,
        limits: resolveLimits({}, topstep50k, cap, accountProfit),
      });
    const below = computeContractSize(input(1499));
    expect(below).toMatchObject({ status: 'APPROVED', rule: 'MAX_CONTRACTS', computed_quantity: 2 });
    expect(below.details).toMatchObject({
      ladder_tier: { min_profit: 0, max_contracts: 2 },
      account_profit: 1499,
      capped_from: 25,
    });
    expect(below.reason).toContain(
      'capped to the maximum of 2 contracts for TOPSTEP program 7 (scaling plan rung from $0.00 profit)',
    );
    const at = computeContractSize(input(1500));
    expect(at.computed_quantity).toBe(3);
    expect(at.reason).toContain('(scaling plan rung from $1,500.00 profit)');
  });
});

describe('limit precedence: env, then registry, then the global cap', () => {
  const registry = program({ maxContracts: 8, maxRiskPercent: 0.02 });

  it('env max contracts wins over the registry and over a scaling ladder', () => {
    expect(resolveLimits({ maxContracts: 3 }, registry, cap, null).maxContracts).toEqual({
      value: 3,
      source: 'env',
    });
    expect(resolveLimits({ maxContracts: 9 }, topstep50k, cap, 0).maxContracts).toEqual({
      value: 9,
      source: 'env',
    });
  });

  it('uses the registry max contracts without env, and none when neither sets one', () => {
    expect(resolveLimits({}, registry, cap, null).maxContracts).toEqual({ value: 8, source: 'registry' });
    expect(resolveLimits({}, program(), cap, null).maxContracts).toBeNull();
    expect(resolveLimits({}, null, cap, null).maxContracts).toBeNull();
  });

  it('env max risk percent wins over the registry, which wins over the global cap', () => {
    const fromEnv = resolveLimits({ maxRiskPercent: dec('0.01') }, registry, cap, null).maxRiskPercent;
    expect([fromEnv.value.toString(), fromEnv.source]).toEqual(['0.01', 'env']);
    const fromRegistry = resolveLimits({}, registry, cap, null).maxRiskPercent;
    expect([fromRegistry.value.toString(), fromRegistry.source]).toEqual(['0.02', 'registry']);
    const global = resolveLimits({}, program(), cap, null).maxRiskPercent;
    expect([global.value.toString(), global.source]).toEqual(['0.05', 'global']);
  });

  it('takes min contracts from env only', () => {
    expect(resolveLimits({ minContracts: 2 }, registry, cap, null).minContracts).toBe(2);
    expect(resolveLimits({}, registry, cap, null).minContracts).toBeNull();
  });
});

describe('profitBreaks: where the limits may change with the account profit', () => {
  it("are the ladder's thresholds above its first rung, and every profit between two resolves alike", () => {
    const breaks = profitBreaks({}, topstep50k);
    expect(breaks).toEqual([1500, 2000]);
    const max = (p: number | null) => resolveLimits({}, topstep50k, cap, p).maxContracts?.value;
    // one band each: below the first break (and unknown), from 1,500, from 2,000
    expect([null, -800, 0, 1499.99].map(max)).toEqual([2, 2, 2, 2]);
    expect([1500, 1999.99].map(max)).toEqual([3, 3]);
    expect([2000, 50_000].map(max)).toEqual([5, 5]);
  });

  it('none without a ladder or when env sets max contracts', () => {
    expect(profitBreaks({}, program({ id: 8, maxContracts: 5, scalingLadder: [] }))).toEqual([]);
    expect(profitBreaks({ maxContracts: 4 }, topstep50k)).toEqual([]);
    expect(profitBreaks({}, null)).toEqual([]);
  });

  it('a ladder whose first rung starts above zero: profits below it take the first rung too', () => {
    const p = program({
      id: 9,
      maxContracts: 10,
      scalingLadder: [
        { min_profit: 3000, max_contracts: 10 },
        { min_profit: 500, max_contracts: 2 },
      ],
    });
    expect(profitBreaks({}, p)).toEqual([3000]);
    expect(resolveLimits({}, p, cap, -100).maxContracts?.value).toBe(2);
  });
});
