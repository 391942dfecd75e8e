import { DateTime } from 'luxon';

/** When one trading day ends and the next begins: a local time of day in a time zone. */
export interface TradingDayPolicy {
  rolloverMinute: number;
  zone: string;
}

const NOON = 12 * 60;

/**
 * The trading day an instant belongs to (`YYYY-MM-DD`): the calendar date holding most of the
 * session. With an afternoon rollover (17:00) the evening belongs to the next date, as on CME
 * Globex; with a morning one (00:00, 06:00) the early hours belong to the previous date.
 * Saturday and Sunday belong to Monday. Computed on the local clock, so a rollover at 17:00
 * stays at 17:00 across daylight-saving changes.
 */
export function tradingDayOf(instant: Date, policy: TradingDayPolicy): string {
  // Constant within a minute (rollovers fall on whole minutes, zone offsets are whole minutes), and
  // asked for by every risk check and, per trade, by the simulator: answers are kept per minute, as the zone
  // conversion is the costly part.
  const minute = Math.floor(instant.getTime() / 60_000);
  return remembered(`${minute}|${policy.rolloverMinute}|${policy.zone}`, () =>
    computeTradingDay(instant, policy),
  );
}

/** The local calendar date of an instant, then civil date arithmetic (no zone needed for whole days). */
function computeTradingDay(instant: Date, policy: TradingDayPolicy): string {
  const local = DateTime.fromJSDate(instant, { zone: policy.zone });
  const minute = local.hour * 60 + local.minute;
  let day = Date.UTC(local.year, local.month - 1, local.day);
  if (policy.rolloverMinute >= NOON && minute >= policy.rolloverMinute) day += DAY_MS;
  if (policy.rolloverMinute < NOON && minute < policy.rolloverMinute) day -= DAY_MS;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 6) day += 2 * DAY_MS;
  if (weekday === 0) day += DAY_MS;
  return new Date(day).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
/** Answers of the pure calendar functions here and in flat-by (a few per trading day and policy), bounded. */
const answers = new Map<string, unknown>();
const MAX_ANSWERS = 200_000;

/** `compute()`'s answer for `key`, computed once (the functions it serves are pure: same key, same answer). */
export function remembered<T>(key: string, compute: () => T): T {
  if (answers.has(key)) return answers.get(key) as T;
  if (answers.size >= MAX_ANSWERS) answers.clear();
  const value = compute();
  answers.set(key, value);
  return value;
}

/**
 * A firm's own trading day (its registry `trading_day`: FTMO midnight Europe/Prague, Aqua 21:00 UTC), else the
 * default (`TRADING_DAY_ROLLOVER` in `TRADING_DAY_TIMEZONE`, 17:00 New York for futures firms).
 */
export function firmTradingDayPolicy(
  firmDay: { reset: string; timeZone: string } | null | undefined,
  fallback: TradingDayPolicy,
): TradingDayPolicy {
  if (!firmDay) return fallback;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(firmDay.reset);
  return m ? { rolloverMinute: Number(m[1]) * 60 + Number(m[2]), zone: firmDay.timeZone } : fallback;
}

/**
 * The instant trading day `day` (`YYYY-MM-DD`) ends, when the next one begins: its own date at an afternoon
 * rollover (17:00: the evening before opened it), the next date at a morning one (00:00, 06:00).
 */
export function tradingDayEnd(day: string, policy: TradingDayPolicy): Date {
  const ms = remembered(`end|${day}|${policy.rolloverMinute}|${policy.zone}`, () => {
    let local = DateTime.fromISO(day, { zone: policy.zone }).startOf('day');
    if (policy.rolloverMinute < NOON) local = local.plus({ days: 1 });
    // set on the local clock, not added as a duration: 17:00 stays 17:00 on a daylight-saving day
    const at = { hour: Math.floor(policy.rolloverMinute / 60), minute: policy.rolloverMinute % 60 };
    return local.set(at).toMillis();
  });
  return new Date(ms);
}
