import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import type { EconomicEvent } from './economic-event';
import type { ProgramLimits } from './program-limits';
import { evaluateOrder, ProgramAccount, RiskEvaluationInput } from './risk-evaluation';

const RELEASE = new Date('2026-03-06T13:30:00Z');
const CPI: EconomicEvent = { at: RELEASE, title: 'CPI m/m', currency: 'USD', impact: 'high' };
const ALPHA: Partial<ProgramLimits> = {
  programId: 7,
  firmCode: 'ALPHA',
  news: { appliesTo: ['funded'], minutesBefore: 2, minutesAfter: 2, impact: 'high', currencies: null },
};
const CONSISTENT: Partial<ProgramLimits> = {
  profitTarget: d(3000),
  consistency: { appliesTo: ['evaluation'], maxDayFraction: d('0.5'), basis: 'total_profit' },
};

function input(account: Partial<ProgramAccount>, o: Partial<RiskEvaluationInput> = {}): RiskEvaluationInput {
  return {
    order: anOrder(),
    firm: { code: 'ALPHA', status: 'active' },
    rules: someRules(),
    halts: [],
    root: 'NQ',
    pointValue: d(20),
    now: RELEASE,
    accounts: [{ program: aProgram(), state: anAccount(), ...account }],
    staleAfterMs: 10_000,
    events: [CPI],
    ...o,
  };
}
const ruleOf = (i: RiskEvaluationInput) => evaluateOrder(i)?.rule ?? 'APPROVED';

describe('evaluateOrder: the conduct rules (entries only)', () => {
  it('a funded account in the blackout is denied NEWS_BLACKOUT; an evaluation account and an exit pass', () => {
    const funded = { program: aProgram(ALPHA), phase: 'funded' as const };
    expect(ruleOf(input(funded))).toBe('NEWS_BLACKOUT');
    expect(ruleOf(input({ ...funded, phase: 'evaluation' }))).toBe('APPROVED');
    expect(ruleOf(input(funded, { now: new Date('2026-03-06T13:32:01Z') }))).toBe('APPROVED');
    expect(ruleOf(input(funded, { order: anOrder({ eventType: 'exit' }) }))).toBe('APPROVED');
    expect(ruleOf(input(funded, { events: [] }))).toBe('APPROVED');
  });

  it('today at the consistency cap: entries are denied CONSISTENCY, exits pass', () => {
    const capped = {
      program: aProgram(CONSISTENT),
      state: anAccount({ realizedPnlToday: d(1500), balance: d(51500) }),
      phase: 'evaluation' as const,
    };
    expect(ruleOf(input(capped))).toBe('CONSISTENCY');
    expect(ruleOf(input({ ...capped, state: anAccount({ realizedPnlToday: d('1499.99') }) }))).toBe(
      'APPROVED',
    );
    expect(ruleOf(input(capped, { order: anOrder({ eventType: 'exit' }) }))).toBe('APPROVED');
  });

  it('the news blackout comes before the consistency cap and the limits', () => {
    const both = {
      program: aProgram({
        ...ALPHA,
        ...CONSISTENT,
        consistency: { ...CONSISTENT.consistency!, appliesTo: ['funded'] },
      }),
      state: anAccount({ realizedPnlToday: d(5000) }),
      phase: 'funded' as const,
    };
    expect(ruleOf(input(both))).toBe('NEWS_BLACKOUT');
    expect(ruleOf(input(both, { events: [] }))).toBe('CONSISTENCY');
  });
});
