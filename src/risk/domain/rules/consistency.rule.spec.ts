import { anAccount, aProgram, d } from '../../../../test/risk/support/risk.mother';
import type { ConsistencyLimit } from '../program-limits';
import { checkConsistency, consistencyCap } from './consistency.rule';

const limit = (o: Partial<ConsistencyLimit> = {}): ConsistencyLimit => ({
  appliesTo: ['evaluation'],
  maxDayFraction: d('0.5'),
  basis: 'total_profit',
  ...o,
});
const program = (o: Partial<ConsistencyLimit> = {}, target: number | null = 3000) =>
  aProgram({
    accountSize: d(50000),
    profitTarget: target === null ? null : d(target),
    consistency: limit(o),
  });
const today = (pnl: string, o: { open?: string; startOfDay?: number } = {}) =>
  anAccount({
    startOfDayBalance: d(o.startOfDay ?? 50000),
    realizedPnlToday: d(pnl),
    openPnl: d(o.open ?? 0),
  });

describe('consistency cap', () => {
  it('no profit before today: 50 % of the 3,000 target; one cent inside passes, at and over are denied', () => {
    const p = program();
    expect(checkConsistency({ program: p, state: today('1499.99'), phase: 'evaluation' })).toBeNull();
    expect(checkConsistency({ program: p, state: today('1500.00'), phase: 'evaluation' })).toEqual({
      rule: 'CONSISTENCY',
      reason:
        "Today's profit (1500) has reached the consistency cap of 1500 (no day above 50 % of the total profit)",
      details: {
        today_profit: 1500,
        cap: 1500,
        max_day_percent: 50,
        basis: 'total_profit',
        profit_before_today: 0,
        profit_target: 3000,
        phase: 'evaluation',
        program_id: 4,
      },
    });
    expect(checkConsistency({ program: p, state: today('1500.01'), phase: 'evaluation' })?.rule).toBe(
      'CONSISTENCY',
    );
  });

  it('with profit before today the cap grows to f × P / (1 − f): 40 % after 6,000 is 4,000', () => {
    const p = program({ maxDayFraction: d('0.4') });
    const before = { startOfDay: 56000 };
    expect(consistencyCap(p.consistency!, p, today('0', before))?.toString()).toBe('4000');
    expect(checkConsistency({ program: p, state: today('3999.99', before), phase: null })).toBeNull();
    expect(checkConsistency({ program: p, state: today('4000', before), phase: null })?.rule).toBe(
      'CONSISTENCY',
    );
    expect(checkConsistency({ program: p, state: today('4000.01', before), phase: null })?.rule).toBe(
      'CONSISTENCY',
    );
    // at 4,000 the day holds exactly 40 % of the 10,000 total: the firm's own boundary
    expect(d(4000).div(d(6000).plus(4000)).toString()).toBe('0.4');
  });

  it('the target term wins while the profit so far is small, and a loss so far never lowers it', () => {
    const p = program({ maxDayFraction: d('0.4') });
    expect(consistencyCap(p.consistency!, p, today('0', { startOfDay: 51000 }))?.toString()).toBe('1200');
    expect(consistencyCap(p.consistency!, p, today('0', { startOfDay: 48000 }))?.toString()).toBe('1200');
  });

  it('open profit counts as today’s: one cent under the cap with the open part passes, at it is denied', () => {
    const p = program();
    expect(
      checkConsistency({ program: p, state: today('1000', { open: '499.99' }), phase: null }),
    ).toBeNull();
    expect(
      checkConsistency({ program: p, state: today('1000', { open: '500' }), phase: null })?.details,
    ).toMatchObject({ today_profit: 1500, cap: 1500 });
  });

  it('profit_target basis (FundedNext Legacy): 40 % of the target, whatever the profit so far', () => {
    const p = program({ maxDayFraction: d('0.4'), basis: 'profit_target' });
    const rich = { startOfDay: 60000 };
    expect(checkConsistency({ program: p, state: today('1199.99', rich), phase: null })).toBeNull();
    expect(checkConsistency({ program: p, state: today('1200', rich), phase: null })?.reason).toContain(
      'no day above 40 % of the profit target',
    );
  });

  it('only in the phases it applies to (unknown phase: applies); nothing without a rule', () => {
    const p = program();
    expect(checkConsistency({ program: p, state: today('5000'), phase: 'funded' })).toBeNull();
    expect(checkConsistency({ program: p, state: today('5000'), phase: null })?.rule).toBe('CONSISTENCY');
    expect(checkConsistency({ program: aProgram(), state: today('5000'), phase: null })).toBeNull();
  });
});
