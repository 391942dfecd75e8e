import Decimal from 'decimal.js';
import fc from 'fast-check';
import type { AccountState } from '../../../src/risk/domain/account-state';
import type { DrawdownKind, PerTradeLimit, ProgramLimits } from '../../../src/risk/domain/program-limits';
import { anAccount, anOrder, aProgram, d } from './risk.mother';

/** fast-check generators of the risk domain's inputs, in exact cents, for the property specs. */
export const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => new Decimal(n).dividedBy(100));

const KINDS: DrawdownKind[] = [
  'static',
  'eod_trailing',
  'intraday_trailing',
  'eod_trailing_until_lock',
  'intraday_trailing_until_lock',
];

const programParts = {
  kind: fc.constantFrom(...KINDS),
  trail: cents(50_000, 500_000),
  lock: fc.option(cents(0, 20_000), { nil: null }),
  daily: fc.option(cents(10_000, 300_000), { nil: null }),
  fraction: fc.option(
    fc.integer({ min: 1, max: 60 }).map((n) => new Decimal(n).dividedBy(1000)),
    { nil: null },
  ),
};
const perTrade = fc.oneof(
  cents(5_000, 200_000).map((amount): PerTradeLimit => ({ amount })),
  fc
    .integer({ min: 1, max: 40 })
    .map((n): PerTradeLimit => ({ fractionOfAccount: new Decimal(n).dividedBy(1000) })),
);

/** A 50K program: any drawdown kind (locks at start or start + amount), a fixed and/or percentage daily loss. */
export const arbProgram = fc.record(programParts).map((p) => programOf(p, null));

/** The same, with a per-trade loss limit (an amount or a fraction of the account) half the time. */
export const arbProgramWithPerTrade = fc
  .record({ ...programParts, perTrade: fc.option(perTrade, { nil: null }) })
  .map((p) => programOf(p, p.perTrade));

function programOf(
  p: {
    kind: DrawdownKind;
    trail: Decimal;
    lock: Decimal | null;
    daily: Decimal | null;
    fraction: Decimal | null;
  },
  perTradeLoss: PerTradeLimit | null,
): ProgramLimits {
  return aProgram({
    drawdownType: p.kind,
    maxTotalLoss: p.trail,
    drawdownLock: p.kind.endsWith('_until_lock') ? p.lock : null,
    maxDailyLoss: p.daily,
    dailyLossFraction: p.fraction,
    perTradeLoss,
  });
}

export const arbState = fc
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

/** An NQ entry ($20 a point) of 1–`maxQuantity` contracts with a stop 1–`maxTicks` ticks away. */
export const arbOrderWith = (maxQuantity: number, maxTicks: number) =>
  fc
    .record({
      quantity: fc.integer({ min: 1, max: maxQuantity }),
      ticks: fc.integer({ min: 1, max: maxTicks }),
    })
    .map(({ quantity, ticks }) =>
      anOrder({
        symbol: 'NQ',
        quantity,
        entryPrice: 21500,
        stopLoss: d(21500).minus(d(ticks).times('0.25')).toNumber(),
      }),
    );

export const arbOrder = arbOrderWith(20, 2000);
