import Decimal from 'decimal.js';
import fc from 'fast-check';
import { arbOrder, arbProgram, arbState } from '../../../test/risk/support/risk.arbitraries';
import { d, someRules } from '../../../test/risk/support/risk.mother';
import type { AccountState } from './account-state';
import { worstCaseLoss } from './order-intent';
import { evaluateOrder } from './risk-evaluation';
import { dailyLimitOf, dailyLossHeadroom } from './rules/daily-loss.rule';
import { drawdownHeadroom } from './rules/max-loss.rule';

const [program, state, order] = [arbProgram, arbState, arbOrder];

describe('property: an approved entry stopped out never crosses the daily loss or the drawdown floor', () => {
  it('holds for random programs, states and orders, in exact decimals', () => {
    let approved = 0;
    fc.assert(
      fc.property(program, state, order, (p, s, o) => {
        const outcome = evaluateOrder({
          order: o,
          firm: { code: 'APEX', status: 'active' },
          rules: someRules(),
          halts: [],
          root: 'NQ',
          pointValue: d(20),
          now: new Date('2026-03-09T16:00:00Z'),
          accounts: [{ program: p, state: s }],
          staleAfterMs: 10_000,
        });
        if (outcome !== null) return;
        approved++;
        const loss = worstCaseLoss(o, d(20)) as Decimal;
        // the stop-out, added to the state: realized today and balance fall by the loss, marks unchanged
        const after: AccountState = {
          ...s,
          balance: s.balance.minus(loss),
          realizedPnlToday: s.realizedPnlToday.minus(loss),
          highWaterMarkIntraday: Decimal.max(s.highWaterMarkIntraday, s.balance.plus(s.openPnl)),
        };
        const limit = dailyLimitOf(null, p);
        if (limit !== null) expect(dailyLossHeadroom(limit, after).headroom.gt(0)).toBe(true);
        const room = drawdownHeadroom(p, after);
        if (room !== null) expect(room.headroom.gt(0)).toBe(true);
      }),
      { numRuns: 800 },
    );
    expect(approved).toBeGreaterThan(80); // the property is not vacuous
  });
});
