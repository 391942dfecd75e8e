import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import { contractLimitOf } from './contract-scaling';
import { evaluateWithFit } from './entry-fit';
import { evaluateOrder } from './risk-evaluation';

// Topstep's Express Funded 50K ladder: 2 minis, 3 from 1,500 of profit, 5 from 2,000
const tiers = [
  { minProfit: d(0), maxContracts: 2 },
  { minProfit: d(1500), maxContracts: 3 },
  { minProfit: d(2000), maxContracts: 5 },
];
const program = aProgram({ maxContracts: 5, contractScaling: tiers, maxDailyLoss: null, maxTotalLoss: null });
const dayFrom = (profit: string) => anAccount({ startOfDayBalance: d(50000).plus(d(profit)) });

describe('contract limit tiers by prior end-of-day balance', () => {
  it('one cent below, at and one cent above a tier', () => {
    for (const [profit, limit] of [
      ['1499.99', 2],
      ['1500', 3],
      ['1500.01', 3],
      ['1999.99', 3],
      ['2000', 5],
      ['2000.01', 5],
    ] as const)
      expect([profit, contractLimitOf(program, dayFrom(profit)).limit]).toEqual([profit, limit]);
  });

  it('below the first tier (a loss) the first applies; never above max contracts; none without tiers', () => {
    expect(contractLimitOf(program, dayFrom('-800')).limit).toBe(2);
    expect(contractLimitOf({ ...program, maxContracts: 4 }, dayFrom('2500')).limit).toBe(4);
    expect(contractLimitOf(aProgram({ maxContracts: 7 }), dayFrom('0'))).toEqual({ limit: 7, tier: null });
  });

  it("the day's level holds through the day's gains: the current balance does not raise it", () => {
    const state = { ...dayFrom('1499.99'), balance: d(53000), realizedPnlToday: d('1500.01') };
    expect(contractLimitOf(program, state).limit).toBe(2);
  });

  it('the gate enforces the tier (rule 5), and size to fit sizes a computed quantity down to it', () => {
    const input = (profit: string, quantity: number) => ({
      order: anOrder({ quantity }),
      firm: { code: 'TOPSTEP', status: 'active' },
      rules: someRules(),
      halts: [],
      root: 'NQ',
      pointValue: d(20),
      now: new Date('2026-03-09T16:00:00Z'),
      accounts: [{ program, state: dayFrom(profit) }],
      staleAfterMs: 10_000,
    });
    expect(evaluateOrder(input('1499.99', 2))).toBeNull();
    expect(evaluateOrder(input('1499.99', 3))).toMatchObject({
      rule: 'MAX_POSITION_SIZE',
      details: { limit: 2, scaling_tier: { min_profit: 0, max_contracts: 2 }, prior_eod_profit: 1499.99 },
    });
    expect(evaluateOrder(input('1500', 3))).toBeNull();
    expect(evaluateWithFit(input('1500', 5), { minQuantity: 1 }).fitted).toMatchObject({
      quantity: 3,
      rule: 'MAX_POSITION_SIZE',
    });
  });
});
