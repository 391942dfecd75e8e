import Decimal from 'decimal.js';
import fc from 'fast-check';
import {
  arbOrderWith,
  arbProgramWithPerTrade,
  arbState,
  cents,
} from '../../../test/risk/support/risk.arbitraries';
import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import type { AccountState } from './account-state';
import { evaluateWithFit } from './entry-fit';
import type { OrderIntent } from './order-intent';
import { worstCaseLoss } from './order-intent';
import type { ProgramLimits } from './program-limits';
import { evaluateOrder, RiskEvaluationInput } from './risk-evaluation';
import { dailyLimitOf, dailyLossHeadroom } from './rules/daily-loss.rule';
import { drawdownHeadroom } from './rules/max-loss.rule';
import { perTradeLimitAmount } from './rules/per-trade-loss.rule';

const POINT_VALUE = d(20);

function inputOf(
  p: ProgramLimits,
  s: AccountState,
  o: OrderIntent,
  pending: Decimal | null,
): RiskEvaluationInput {
  return {
    order: o,
    firm: { code: 'APEX', status: 'active' },
    rules: someRules(),
    halts: [],
    root: 'NQ',
    pointValue: POINT_VALUE,
    now: new Date('2026-03-09T16:00:00Z'),
    accounts: [{ program: p, state: s, pendingLoss: pending ?? undefined }],
    staleAfterMs: 10_000,
  };
}

/** The worst state: every pending entry and this one stopped out (realized today), the marks as they were. */
function stoppedOut(s: AccountState, loss: Decimal): AccountState {
  return {
    ...s,
    balance: s.balance.minus(loss),
    realizedPnlToday: s.realizedPnlToday.minus(loss),
    highWaterMarkIntraday: Decimal.max(s.highWaterMarkIntraday, s.balance.plus(s.openPnl)),
  };
}

/** A program with only a fixed daily loss limit, and a state that has lost `lost` today. */
const dailyOnly = (limit: Decimal): ProgramLimits => aProgram({ maxDailyLoss: limit, maxTotalLoss: null });
const lostToday = (lost: Decimal): AccountState =>
  anAccount({ realizedPnlToday: lost.negated(), balance: d(50000).minus(lost) });
const nqEntry = (ticks: number, quantity: number): OrderIntent =>
  anOrder({ quantity, entryPrice: 21500, stopLoss: d(21500).minus(d(ticks).times('0.25')).toNumber() });

const withQuantity = (i: RiskEvaluationInput, quantity: number) => ({
  ...i,
  order: { ...i.order, quantity },
});

describe('property: no approved entry, stopped out on top of the worst current state, crosses a limit', () => {
  it('daily loss (fixed or % of prior EOD), drawdown floor (with locks) and per-trade, with pending entries; size to fit is maximal', () => {
    const counts = { approved: 0, fitted: 0, denied: 0 };
    fc.assert(
      fc.property(
        arbProgramWithPerTrade,
        arbState,
        arbOrderWith(40, 400),
        fc.option(cents(1, 200_000), { nil: null }),
        fc.boolean(),
        (p, s, o, pending, fit) => {
          const i = inputOf(p, s, o, pending);
          const requested = o.quantity as number;
          const { denial, fitted } = evaluateWithFit(i, fit ? { minQuantity: 1 } : null);
          if (denial !== null) {
            counts.denied++;
            // size to fit found nothing: not even one contract passes the gate
            if (fit) expect(evaluateOrder(withQuantity(i, 1))).not.toBeNull();
            return;
          }
          const q = fitted?.quantity ?? requested;
          if (!fit) expect(fitted).toBeNull();
          if (fitted) {
            counts.fitted++;
            expect(q).toBeLessThan(requested);
            expect(q).toBeGreaterThanOrEqual(1);
            expect(evaluateOrder(withQuantity(i, q + 1))).not.toBeNull(); // maximal: one more does not fit
            expect(fitted.details.capped_from).toBe(requested);
          } else counts.approved++;
          const loss = worstCaseLoss({ ...o, quantity: q }, POINT_VALUE) as Decimal;
          const after = stoppedOut(s, loss.plus(pending ?? 0));
          const daily = dailyLimitOf(null, p);
          if (daily !== null) expect(dailyLossHeadroom(daily, after).headroom.gt(0)).toBe(true);
          const room = drawdownHeadroom(p, after);
          if (room !== null) expect(room.headroom.gt(0)).toBe(true);
          if (p.perTradeLoss) expect(loss.lte(perTradeLimitAmount(p.perTradeLoss, p.accountSize))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    // not vacuous: each way out is taken often
    expect(counts.approved).toBeGreaterThan(150);
    expect(counts.fitted).toBeGreaterThan(150);
    expect(counts.denied).toBeGreaterThan(150);
  });
});

describe('property: size to fit at the exact boundary of the daily loss room', () => {
  it('a room of exactly k stop-outs fits k − 1; a cent more fits k; a cent less k − 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 12 }),
        cents(100_000, 500_000),
        (ticks, k, limit) => {
          const perContract = d(ticks).times('0.25').times(POINT_VALUE);
          const room = perContract.times(k);
          fc.pre(room.lt(limit));
          const o = nqEntry(ticks, k + 5);
          const p = { ...inputOf(dailyOnly(limit), lostToday(limit.minus(room)), o, null) };
          const at = (cent: string) => {
            const state = lostToday(limit.minus(room).minus(d(cent)));
            return evaluateWithFit({ ...p, accounts: [{ ...p.accounts[0], state }] }, { minQuantity: 1 });
          };
          const fitted = (cent: string) => at(cent).fitted?.quantity ?? 0;
          expect([fitted('0.01'), fitted('0'), fitted('-0.01')]).toEqual([k, k - 1, k - 1]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
