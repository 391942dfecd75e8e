import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import { evaluateWithFit } from './entry-fit';
import type { ProgramAccount, RiskEvaluationInput } from './risk-evaluation';
import { countInMicros } from './rules/position-size.rule';

const MIN1 = { minQuantity: 1 };

function input(o: Partial<RiskEvaluationInput> = {}): RiskEvaluationInput {
  return {
    order: anOrder({ quantity: 10, entryPrice: 21500, stopLoss: 21490 }), // 10 points × $20 = 200 a contract
    firm: { code: 'APEX', status: 'active' },
    rules: someRules(),
    halts: [],
    root: 'NQ',
    pointValue: d(20),
    now: new Date('2026-03-09T16:00:00Z'),
    accounts: [{ program: aProgram({ maxTotalLoss: null }), state: anAccount() }],
    staleAfterMs: 10_000,
    ...o,
  };
}
const withDayPnl = (realized: string): ProgramAccount[] => [
  {
    program: aProgram({ maxTotalLoss: null }),
    state: anAccount({ realizedPnlToday: d(realized), balance: d(50000).plus(d(realized)) }),
  },
];

describe('size to fit: an entry too large for the room left is sized down to the largest quantity that fits', () => {
  it('the daily loss room: one cent inside, at and one cent over the stop-out of 4 contracts', () => {
    // limit 1,000: 4 × 200 = 800 fits while more than 800 is left, and 4 must not reach the limit
    for (const [realized, quantity] of [
      ['-199.99', 4], // 800.01 left: 800 stays a cent inside
      ['-200', 3], // 800 left: 800 would reach it
      ['-200.01', 3], // 799.99 left
    ] as const) {
      const { denial, fitted } = evaluateWithFit(input({ accounts: withDayPnl(realized) }), MIN1);
      expect([realized, denial, fitted?.quantity]).toEqual([realized, null, quantity]);
    }
  });

  it('records the rule that capped it and the quantity asked for, like sizing caps', () => {
    const { fitted } = evaluateWithFit(input({ accounts: withDayPnl('-200') }), MIN1);
    expect(fitted).toEqual({
      quantity: 3,
      rule: 'DAILY_LOSS_LIMIT',
      reason: 'Sized down from 10 to 3 contract(s) to fit DAILY_LOSS_LIMIT of program 4: a stop-out of 600',
      details: {
        capped_from: 10,
        approved_quantity: 3,
        per_contract_worst_case: 200,
        worst_case: 600,
        rooms: { DAILY_LOSS_LIMIT: 800 },
        program_id: 4,
      },
    });
  });

  it('without size to fit (a quantity the trader gave) the entry is only validated', () => {
    const { denial, fitted } = evaluateWithFit(input({ accounts: withDayPnl('-200') }), null);
    expect(fitted).toBeNull();
    expect(denial?.rule).toBe('DAILY_LOSS_LIMIT');
  });

  it('an entry that fits is left alone: never raised', () => {
    const { denial, fitted } = evaluateWithFit(input({ order: anOrder({ quantity: 2 }) }), MIN1);
    expect([denial, fitted]).toEqual([null, null]);
  });

  it('is denied when what fits is below the minimum, saying how much would', () => {
    const { denial, fitted } = evaluateWithFit(input({ accounts: withDayPnl('-600') }), { minQuantity: 2 });
    expect(fitted).toBeNull();
    expect(denial?.rule).toBe('DAILY_LOSS_LIMIT');
    expect(denial?.details).toMatchObject({ largest_fitting_quantity: 1, min_quantity: 2 });
    expect(denial?.reason).toMatch(/1 contract\(s\) would fit, below the minimum of 2$/);
    // nothing fits at all: 200 a contract with exactly 200 left
    expect(evaluateWithFit(input({ accounts: withDayPnl('-800') }), MIN1).denial?.details).toMatchObject({
      largest_fitting_quantity: 0,
    });
  });

  it('the drawdown floor counts the pending entries', () => {
    const accounts: ProgramAccount[] = [
      {
        program: aProgram({ maxDailyLoss: null, maxTotalLoss: d(2500) }),
        state: anAccount({ balance: d(48000) }), // 500 above the 47,500 floor
        pendingLoss: d(100),
      },
    ];
    const { fitted } = evaluateWithFit(input({ accounts }), MIN1);
    expect(fitted).toMatchObject({ quantity: 1, rule: 'MAX_LOSS_LIMIT' }); // 400 left: 2 × 200 reaches it
  });

  it('the per-trade limit may be reached exactly', () => {
    const accounts: ProgramAccount[] = [
      { program: aProgram({ maxTotalLoss: null, perTradeLoss: { amount: d(600) } }), state: anAccount() },
    ];
    expect(evaluateWithFit(input({ accounts }), MIN1).fitted).toMatchObject({
      quantity: 3,
      rule: 'PER_TRADE_LOSS_LIMIT',
    });
  });

  it('contract limits in micros at 10:1: 80 MNQ asked with 4 NQ open fit as 10', () => {
    const state = anAccount({
      openContracts: 4,
      positions: [{ symbol: 'NQ', netQuantity: 4, avgPrice: null }],
    });
    const accounts: ProgramAccount[] = [
      {
        program: aProgram({ maxTotalLoss: null, maxDailyLoss: null, maxContracts: 5, microRatio: 10 }),
        state,
        micros: countInMicros(10, true, state, (s) => s.startsWith('M')),
      },
    ];
    const order = anOrder({ symbol: 'MNQ', quantity: 80 });
    const { fitted } = evaluateWithFit(input({ order, root: 'MNQ', pointValue: d(2), accounts }), MIN1);
    expect(fitted).toMatchObject({ quantity: 10, rule: 'MAX_POSITION_SIZE' });
  });

  it("over several programs the smallest fit wins, naming that program's rule", () => {
    const accounts: ProgramAccount[] = [
      { program: aProgram({ programId: 7, maxTotalLoss: null }), state: anAccount({ programId: 7 }) },
      {
        program: aProgram({ programId: 8, maxDailyLoss: null, maxTotalLoss: d(2500) }),
        state: anAccount({ programId: 8, balance: d(48000) }),
      },
    ];
    expect(evaluateWithFit(input({ accounts }), MIN1).fitted).toMatchObject({
      quantity: 2,
      rule: 'MAX_LOSS_LIMIT',
      details: { program_id: 8, capped_from: 10 },
    });
  });

  it('a denial no quantity can lift (a declared risk percent over the limit, a halt) stays a denial', () => {
    const order = anOrder({ quantity: 10, riskPercent: 0.05 });
    const declared = evaluateWithFit(input({ order, rules: someRules({ maxRiskPercent: d('0.01') }) }), MIN1);
    expect([declared.denial?.rule, declared.fitted]).toEqual(['MAX_RISK_PERCENT', null]);
    const closed = evaluateWithFit(input({ firm: { code: 'APEX', status: 'paused' } }), MIN1);
    expect(closed.fitted).toBeNull();
    expect(closed.denial).not.toBeNull();
  });
});
