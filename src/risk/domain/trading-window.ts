import { DateTime } from 'luxon';

/** A daily window in minutes of the local day, both ends inclusive; start > end crosses midnight. */
export interface TradingWindow {
  text: string;
  startMinute: number;
  endMinute: number;
}

const WINDOW = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** `"18:00-16:59"` → window; anything else → null (the caller names the variable in its error). */
export function parseTradingWindow(text: string): TradingWindow | null {
  const m = WINDOW.exec(text.trim());
  if (!m) return null;
  return {
    text: text.trim(),
    startMinute: Number(m[1]) * 60 + Number(m[2]),
    endMinute: Number(m[3]) * 60 + Number(m[4]),
  };
}

/** `"HH:MM"` → minute of the day, or null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function isWithinWindow(window: TradingWindow, instant: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(instant, { zone });
  const minute = local.hour * 60 + local.minute;
  if (window.startMinute <= window.endMinute) {
    return minute >= window.startMinute && minute <= window.endMinute;
  }
  return minute >= window.startMinute || minute <= window.endMinute;
}

export const FUTURES_WEEKEND_ZONE = 'America/New_York';
const FRIDAY_CLOSE = 17 * 60;
const SUNDAY_OPEN = 18 * 60;

/** CME futures are closed from Friday 17:00 to Sunday 18:00 New York time. */
export function isFuturesWeekend(instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: FUTURES_WEEKEND_ZONE });
  const minute = local.hour * 60 + local.minute;
  if (local.weekday === 5) return minute >= FRIDAY_CLOSE;
  if (local.weekday === 6) return true;
  if (local.weekday === 7) return minute < SUNDAY_OPEN;
  return false;
}

/** The instant as a local ISO time without milliseconds, for `details`. */
export function localTime(instant: Date, zone: string): string {
  return (
    DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? instant.toISOString()
  );
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
