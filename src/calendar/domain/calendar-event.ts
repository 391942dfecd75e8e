import { DateTime } from 'luxon';
import { textProblem } from '../../shared-kernel/text-rule';

export const IMPACTS = ['high', 'medium', 'low'] as const;
export type Impact = (typeof IMPACTS)[number];

/** One economic calendar event: a release at an instant, its impact, and what it concerns. */
export interface CalendarEvent {
  /** The calendar's own id (ICS UID, CSV `id`), else `time|title|currency`: what a re-import matches on. */
  uid: string;
  at: Date;
  title: string;
  country: string | null;
  /** Upper-case ISO code (USD). */
  currency: string | null;
  impact: Impact;
}

/** An event's fields as a file states them, before checking. */
export interface RawEvent {
  uid?: string | null;
  /** An instant: ISO 8601 with Z or an offset (CSV), or already resolved (ICS). */
  time: string | Date | null;
  title: string | null;
  country?: string | null;
  currency?: string | null;
  impact: string | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const CURRENCY = /^[A-Z]{3}$/;
const LIMITS = { uid: 512, title: 500, country: 64 };

/**
 * The event, or every problem with it as "`where`: field: message" (where = "line 4"). A time without a zone
 * is refused: a release read in the wrong zone would move the blackout by hours.
 */
export function readEvent(raw: RawEvent, where: string): { event: CalendarEvent | null; problems: string[] } {
  const problems: string[] = [];
  const fail = (field: string, message: string) => problems.push(`${where}: ${field}: ${message}`);
  const text = (field: keyof typeof LIMITS, v: string | null | undefined, required: boolean) => {
    const t = v?.trim() ?? '';
    if (t === '') {
      if (required) fail(field, 'is required');
      return null;
    }
    const unsafe = textProblem(t);
    if (unsafe) fail(field, unsafe);
    else if (t.length > LIMITS[field]) fail(field, `must be at most ${LIMITS[field]} characters`);
    return unsafe ? null : t;
  };
  const at = instant(raw.time, fail);
  const title = text('title', raw.title, true);
  const country = text('country', raw.country, false);
  const currency = raw.currency?.trim().toUpperCase() || null;
  if (currency !== null && !CURRENCY.test(currency))
    fail('currency', 'must be a 3-letter ISO code, e.g. USD');
  const impact = raw.impact?.trim().toLowerCase() ?? '';
  if (!IMPACTS.includes(impact as Impact)) fail('impact', `must be one of ${IMPACTS.join(', ')}`);
  const given = text('uid', raw.uid, false);
  if (problems.length || at === null || title === null) return { event: null, problems };
  return {
    event: {
      uid: given ?? `${at.toISOString()}|${title}|${currency ?? ''}`.slice(0, LIMITS.uid),
      at,
      title,
      country,
      currency,
      impact: impact as Impact,
    },
    problems,
  };
}

function instant(v: RawEvent['time'], fail: (field: string, message: string) => void): Date | null {
  if (v instanceof Date) return v;
  const t = v?.trim() ?? '';
  if (t === '') {
    fail('time', 'is required');
    return null;
  }
  // luxon refuses 2026-02-30 where Date.parse rolls it over to March 2
  const parsed = INSTANT.test(t) ? DateTime.fromISO(t, { setZone: true }) : null;
  if (!parsed?.isValid) {
    fail('time', 'must be an ISO 8601 instant with a zone, e.g. 2026-03-06T13:30:00Z');
    return null;
  }
  return parsed.toJSDate();
}

/** The same uid twice in one file: the later line would silently win. */
export function duplicateUids(events: { event: CalendarEvent; where: string }[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { event, where } of events) {
    const first = seen.get(event.uid);
    if (first) problems.push(`${where}: the same event as ${first} (${event.uid})`);
    else seen.set(event.uid, where);
  }
  return problems;
}
