import { DateTime } from 'luxon';
import type { ExchangeCalendar } from './exchange-calendar';
import { parseTimeOfDay } from './trading-window';
import { remembered, TradingDayPolicy, tradingDayOf } from './trading-day';

/** A firm's flat-by time (registry `flat_by`): every position closed by `time` in `timeZone` each trading day. */
export interface FirmFlatByTime {
  time: string;
  timeZone: string;
  /** On a CME early-close day: `exchange_close` flattens before the exchange's close, `none` keeps `time`. */
  earlyClose: 'exchange_close' | 'none';
}

/** What the flat-by rule needs of a firm: its flat-by time, its trading day (the session reopens at its reset), the exchange calendar. */
export interface FlatBySchedule {
  flatBy: FirmFlatByTime;
  day: TradingDayPolicy;
  calendar: ExchangeCalendar;
}

/** Entries are open until `flatByAt`, or refused until `reopensAt` (why: the flat-by passed, a holiday, the weekend). */
export type FlatBySession =
  | { open: true; tradingDay: string; flatByAt: Date }
  | {
      open: false;
      tradingDay: string;
      why: 'flat_by' | 'holiday' | 'weekend';
      flatByAt: Date | null;
      reopensAt: Date;
    };

/**
 * On an early-close day a firm that flattens at the exchange's close does so this much before it: orders sent
 * at the halt itself would meet a closed market (as Apex flattens at 16:59 before the 17:00 ET close).
 */
export const EARLY_CLOSE_LEAD_MINUTES = 1;

const NOON = 12 * 60;
const MS_PER_MINUTE = 60_000;

const dateIn = (day: string, zone: string) => DateTime.fromISO(day, { zone });

/** The instant (ms) of `minute` past midnight on `day` in `zone` (pure: remembered per day, minute and zone). */
function atMinute(day: string, minute: number, zone: string): number {
  return remembered(`at|${day}|${minute}|${zone}`, () =>
    dateIn(day, zone)
      .set({ hour: Math.floor(minute / 60), minute: minute % 60 })
      .toMillis(),
  );
}

const DAY_MS = 86_400_000;

/** The next (or previous) weekday's date: civil date arithmetic, no zone. */
function shiftWeekday(day: string, step: 1 | -1): string {
  let d = Date.parse(`${day}T00:00:00Z`) + step * DAY_MS;
  while (new Date(d).getUTCDay() % 6 === 0) d += step * DAY_MS;
  return new Date(d).toISOString().slice(0, 10);
}

function shiftOpenDay(day: string, step: 1 | -1, calendar: ExchangeCalendar): string {
  let d = shiftWeekday(day, step);
  while (calendar.days[d]?.kind === 'closed') d = shiftWeekday(d, step);
  return d;
}

/**
 * When trading day `day` begins: the firm's reset on the calendar day before (an afternoon reset: Sunday's
 * for Monday) or on the day itself (a morning one). The futures session reopens then.
 */
export function sessionStartOf(day: string, policy: TradingDayPolicy): Date {
  const onDay = policy.rolloverMinute >= NOON ? calendarDayBefore(day) : day;
  return new Date(atMinute(onDay, policy.rolloverMinute, policy.zone));
}

function calendarDayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The flat-by instant of trading day `day` (null when the exchange is closed that day): the firm's time on
 * that date, earlier on an early-close day when the firm follows the exchange, and never after the trading
 * day ends (a flat-by past the firm's reset is the reset).
 */
export function flatByOn(day: string, s: FlatBySchedule): Date | null {
  const key = `flat|${day}|${s.flatBy.time}|${s.flatBy.timeZone}|${s.flatBy.earlyClose}|${s.day.rolloverMinute}|${s.day.zone}|${calendarId(s.calendar)}`;
  const ms = remembered(key, () => flatByMillis(day, s));
  return ms === null ? null : new Date(ms);
}

/** A number per calendar object (a calendar's days are fixed once built: the same object, the same answers). */
const calendarIds = new WeakMap<ExchangeCalendar, number>();
function calendarId(c: ExchangeCalendar): number {
  let id = calendarIds.get(c);
  if (id === undefined) calendarIds.set(c, (id = nextCalendarId++));
  return id;
}
let nextCalendarId = 1;

function flatByMillis(day: string, s: FlatBySchedule): number | null {
  const exchange = s.calendar.days[day];
  if (exchange?.kind === 'closed') return null;
  const minute = parseTimeOfDay(s.flatBy.time);
  if (minute === null) throw new Error(`flat-by time "${s.flatBy.time}" is not HH:MM`);
  const candidates = [
    atMinute(day, minute, s.flatBy.timeZone),
    sessionStartOf(shiftWeekday(day, 1), s.day).getTime(),
  ];
  const close = exchange?.close == null ? null : parseTimeOfDay(exchange.close);
  if (s.flatBy.earlyClose === 'exchange_close' && close !== null) {
    candidates.push(atMinute(day, close - EARLY_CLOSE_LEAD_MINUTES, s.calendar.timeZone));
  }
  return Math.min(...candidates);
}

/** Whether entries are open at `now` for a firm with a flat-by time, and until when either way. */
export function flatBySessionAt(now: Date, s: FlatBySchedule): FlatBySession {
  const tradingDay = tradingDayOf(now, s.day);
  const reopensAfter = (day: string) => sessionStartOf(shiftOpenDay(day, 1, s.calendar), s.day);
  const flatByAt = flatByOn(tradingDay, s);
  if (flatByAt === null) {
    return { open: false, tradingDay, why: 'holiday', flatByAt, reopensAt: reopensAfter(tradingDay) };
  }
  const start = sessionStartOf(tradingDay, s.day);
  if (now < start) return { open: false, tradingDay, why: 'weekend', flatByAt, reopensAt: start };
  if (now >= flatByAt) {
    return { open: false, tradingDay, why: 'flat_by', flatByAt, reopensAt: reopensAfter(tradingDay) };
  }
  return { open: true, tradingDay, flatByAt };
}

/** A flat-by that has passed and whose session has not reopened: the watcher flattens the firm's accounts. */
export interface DueFlatBy {
  tradingDay: string;
  flatByAt: Date;
  reopensAt: Date;
}

/**
 * The flat-by the watcher acts on at `now`: of this trading day or the last open one, from its instant until
 * the session reopens, and for at least a minute (a flat-by at the reset itself, Take Profit Trader's 17:00,
 * reopens at once).
 */
export function dueFlatBy(now: Date, s: FlatBySchedule): DueFlatBy | null {
  const today = tradingDayOf(now, s.day);
  for (const day of [today, shiftOpenDay(today, -1, s.calendar)]) {
    const flatByAt = flatByOn(day, s);
    if (flatByAt === null || flatByAt > now) continue;
    const reopensAt = sessionStartOf(shiftOpenDay(day, 1, s.calendar), s.day);
    const until = Math.max(reopensAt.getTime(), flatByAt.getTime() + MS_PER_MINUTE);
    if (now.getTime() < until) return { tradingDay: day, flatByAt, reopensAt };
  }
  return null;
}
