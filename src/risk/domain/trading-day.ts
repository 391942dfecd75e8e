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
  // asked for by every risk check: the last answer is kept, as the zone conversion is the costly part.
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastAnswer;
  if (last && last.minute === minute && last.zone === policy.zone && last.rollover === policy.rolloverMinute)
    return last.day;
  const day = computeTradingDay(instant, policy);
  lastAnswer = { minute, zone: policy.zone, rollover: policy.rolloverMinute, day };
  return day;
}

let lastAnswer: { minute: number; zone: string; rollover: number; day: string } | null = null;

function computeTradingDay(instant: Date, policy: TradingDayPolicy): string {
  const local = DateTime.fromJSDate(instant, { zone: policy.zone });
  const minute = local.hour * 60 + local.minute;
  let day = local.startOf('day');
  if (policy.rolloverMinute >= NOON && minute >= policy.rolloverMinute) day = day.plus({ days: 1 });
  if (policy.rolloverMinute < NOON && minute < policy.rolloverMinute) day = day.minus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toISODate() as string;
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
  let local = DateTime.fromISO(day, { zone: policy.zone }).startOf('day');
  if (policy.rolloverMinute < NOON) local = local.plus({ days: 1 });
  // set on the local clock, not added as a duration: 17:00 stays 17:00 on a daylight-saving day
  const at = { hour: Math.floor(policy.rolloverMinute / 60), minute: policy.rolloverMinute % 60 };
  return local.set(at).toJSDate();
}
