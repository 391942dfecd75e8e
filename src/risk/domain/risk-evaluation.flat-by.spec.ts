import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import { CME_EQUITY_CALENDAR } from './cme-calendar';
import type { FlatBySchedule } from './flat-by';
import { evaluateOrder, RiskEvaluationInput } from './risk-evaluation';

const APEX_FLAT_BY: FlatBySchedule = {
  flatBy: { time: '16:59', timeZone: 'America/New_York', earlyClose: 'exchange_close' },
  day: { rolloverMinute: 17 * 60, zone: 'America/New_York' },
  calendar: CME_EQUITY_CALENDAR,
};
const BEFORE = new Date('2026-03-09T20:58:00Z'); // Mon 16:58 EDT
const AT = new Date('2026-03-09T20:59:00Z');

function input(o: Partial<RiskEvaluationInput> = {}): RiskEvaluationInput {
  return {
    order: anOrder(),
    firm: { code: 'APEX', status: 'active' },
    rules: someRules(),
    halts: [],
    root: 'NQ',
    pointValue: d(20),
    now: AT,
    accounts: [{ program: aProgram(), state: anAccount() }],
    staleAfterMs: 10_000,
    flatBy: APEX_FLAT_BY,
    ...o,
  };
}
const ruleOf = (o: Partial<RiskEvaluationInput>) => evaluateOrder(input(o))?.rule ?? 'APPROVED';

describe('evaluateOrder with a flat-by time', () => {
  it('refuses an entry from the flat-by time and approves it a minute before', () => {
    expect(ruleOf({})).toBe('FLAT_BY');
    expect(ruleOf({ now: BEFORE })).toBe('APPROVED');
  });

  it('always lets an exit through', () => {
    expect(ruleOf({ order: anOrder({ eventType: 'exit' }), accounts: [] })).toBe('APPROVED');
  });

  it('does nothing for a firm without one', () => {
    expect(ruleOf({ flatBy: null })).toBe('APPROVED');
    expect(ruleOf({ flatBy: undefined })).toBe('APPROVED');
  });

  it('comes after the trading window and before the account rules', () => {
    const staleAccount = {
      program: aProgram(),
      state: anAccount({ source: 'platform', confirmedAt: new Date(0) }),
    };
    expect(ruleOf({ accounts: [staleAccount] })).toBe('FLAT_BY');
    expect(ruleOf({ accounts: [staleAccount], now: BEFORE })).toBe('ACCOUNT_STATE_STALE');
  });
});
