import fc from 'fast-check';
import { DateTime } from 'luxon';

/** NQ: $20 a point. */
export const NQ_POINT = 20;
export const ZONE = 'America/New_York';
/**
 * Weekdays without a CME holiday, one per trade at most, after the machine's date: a test that moves the
 * service's clock to them moves it forward only, so what the database stamps with its own now() (orders sent)
 * stays before what the clock stamps after it (sync reads).
 */
export const DAYS = [
  ...['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09'],
  ...['2027-04-12', '2027-04-13', '2027-04-14', '2027-04-15', '2027-04-16'],
];
/** New York entry times: before every firm's flat-by, inside every firm's trading day. */
export const SLOTS = ['10:00', '11:15', '12:30', '13:45'];

/** One random round trip of 1 NQ, in points from its entry: its best open profit, its worst open loss, its exit. */
export interface RandomTrade {
  day: number;
  slot: number;
  side: 'buy' | 'sell';
  best: number;
  worst: number;
  exit: number;
}

const quarter = (lo: number, hi: number) => fc.integer({ min: lo * 4, max: hi * 4 }).map((n) => n / 4);
const aRandomTrade = fc
  .record({
    side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
    exit: quarter(-60, 75),
    extraBest: quarter(0, 40),
    extraWorst: quarter(0, 45),
  })
  .map((t) => ({
    side: t.side,
    exit: t.exit,
    best: Math.max(0, t.exit) + t.extraBest,
    worst: Math.max(0, -t.exit) + t.extraWorst,
  }));

/** `count` trades over the days, one to four a day at increasing slots. */
export const aRandomSequence = (count: number) =>
  fc
    .array(fc.record({ trade: aRandomTrade, nextDay: fc.boolean() }), { minLength: count, maxLength: count })
    .map((items) => {
      let day = 0;
      let slot = 0;
      return items.map(({ trade, nextDay }, i): RandomTrade => {
        if (i > 0 && (nextDay || slot === SLOTS.length - 1)) {
          day++;
          slot = 0;
        } else if (i > 0) slot++;
        return { ...trade, day, slot };
      });
    });

/** The seeded sequence (reproducible: the same seed, the same trades). */
export function randomTrades(seed: number, count: number): RandomTrade[] {
  if (count > DAYS.length) throw new Error(`at most ${DAYS.length} trades: one day each at most`);
  return fc.sample(aRandomSequence(count), { seed, numRuns: 1 })[0];
}

/** The instant of a trade's entry, or `minutes` after it (the exit is 30 minutes after). */
export function tradeAt(tr: RandomTrade, minutes = 0): Date {
  return DateTime.fromISO(`${DAYS[tr.day]}T${SLOTS[tr.slot]}`, { zone: ZONE }).plus({ minutes }).toJSDate();
}

/** The trades as the simulator's generic JSON upload (run-up and drawdown in money), priced from 20,000 on. */
export function asJsonItems(trades: readonly RandomTrade[]) {
  let price = 20000;
  return trades.map((tr) => {
    const sign = tr.side === 'buy' ? 1 : -1;
    const exit = price + sign * tr.exit;
    const item = {
      entry_time: tradeAt(tr).toISOString(),
      exit_time: tradeAt(tr, 30).toISOString(),
      symbol: 'NQ',
      side: tr.side,
      quantity: 1,
      entry_price: price,
      exit_price: exit,
      run_up: tr.best * NQ_POINT,
      drawdown: tr.worst * NQ_POINT,
    };
    price = exit;
    return item;
  });
}
