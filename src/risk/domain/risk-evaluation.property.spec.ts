import Decimal from 'decimal.js';
import fc from 'fast-check';
import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import type { AccountState } from './account-state';
import type { DrawdownKind, ProgramLimits } from './program-limits';
import { worstCaseLoss } from './order-intent';
import { evaluateOrder } from './risk-evaluation';
import { dailyLimitOf, dailyLossHeadroom } from './rules/daily-loss.rule';
import { drawdownHeadroom } from './rules/max-loss.rule';

const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => new Decimal(n).dividedBy(100));
const KINDS: DrawdownKind[] = [
  'static',
  'eod_trailing',
  'intraday_trailing',
  'eod_trailing_until_lock',
  'intraday_trailing_until_lock',
];

const program = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    trail: cents(50_000, 500_000),
    lock: fc.option(cents(0, 20_000), { nil: null }),
    daily: fc.option(cents(10_000, 300_000), { nil: null }),
    fraction: fc.option(
      fc.integer({ min: 1, max: 60 }).map((n) => new Decimal(n).dividedBy(1000)),
      { nil: null },
    ),
  })
  .map((p): ProgramLimits =>
    aProgram({
      drawdownType: p.kind,
      maxTotalLoss: p.trail,
      drawdownLock: p.kind.endsWith('_until_lock') ? p.lock : null,
      maxDailyLoss: p.daily,
      dailyLossFraction: p.fraction,
    }),
  );

const state = fc
  .record({
    balance: cents(4_950_000, 5_600_000),
    startOfDay: cents(4_600_000, 5_500_000),
    realized: cents(-150_000, 100_000),
    open: cents(-100_000, 200_000),
    hwmEod: cents(5_000_000, 5_600_000),
    hwmIntraday: cents(5_000_000, 5_800_000),
  })
  .map((s): AccountState =>
    anAccount({
      balance: s.balance,
      startOfDayBalance: s.startOfDay,
      realizedPnlToday: s.realized,
      openPnl: s.open,
      highWaterMarkEod: s.hwmEod,
      highWaterMarkIntraday: s.hwmIntraday,
    }),
  );

const order = fc
  .record({ quantity: fc.integer({ min: 1, max: 20 }), ticks: fc.integer({ min: 1, max: 2000 }) })
  .map(({ quantity, ticks }) =>
    anOrder({
      symbol: 'NQ',
      quantity,
      entryPrice: 21500,
      stopLoss: d(21500).minus(d(ticks).times('0.25')).toNumber(),
    }),
  );

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
