import { DateTime } from 'luxon';

/** When alerts are expected: a daily window (may cross midnight) on some weekdays (1 = Monday … 7 = Sunday). */
export interface SessionHours {
  start: string;
  end: string;
  days: readonly number[];
  timeZone: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The session `now` falls in, as [start, end), or null outside the configured hours. */
export function currentSession(now: Date, s: SessionHours): { start: Date; end: Date } | null {
  const local = DateTime.fromJSDate(now, { zone: s.timeZone });
  const startMin = minutesOf(s.start);
  let length = minutesOf(s.end) - startMin;
  if (length <= 0) length += 24 * 60;
  for (const back of [0, 1]) {
    const start = local.minus({ days: back }).startOf('day').plus({ minutes: startMin });
    const end = start.plus({ minutes: length });
    if (local >= start && local < end && s.days.includes(start.weekday))
      return { start: start.toJSDate(), end: end.toJSDate() };
  }
  return null;
}

/**
 * The dead-man: inside session hours, no alert for `minutes` (counted from the session's start when the
 * last alert came before it). Returns the silence's start, which names the alarm: one alarm per silence,
 * however often this is asked; a new alert starts a new silence.
 */
export function silenceAlarm(
  now: Date,
  lastAlertAt: Date | null,
  minutes: number,
  session: SessionHours,
): { silentSince: Date; key: string } | null {
  if (minutes <= 0) return null;
  const current = currentSession(now, session);
  if (!current) return null;
  const since = lastAlertAt && lastAlertAt > current.start ? lastAlertAt : current.start;
  if (now.getTime() - since.getTime() < minutes * 60_000) return null;
  return { silentSince: since, key: `heartbeat:${since.toISOString()}` };
}
