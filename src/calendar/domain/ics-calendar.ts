import { DateTime } from 'luxon';
import { CalendarEvent, duplicateUids, RawEvent, readEvent } from './calendar-event';

/** One unfolded content line: NAME;PARAM=V:VALUE, with the physical line it starts on. */
interface ContentLine {
  line: number;
  name: string;
  params: Record<string, string>;
  value: string;
}

const DATE_TIME = /^(\d{8}T\d{6})(Z?)$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * The subset of iCalendar (RFC 5545) an economic calendar export uses: VEVENTs with DTSTART (UTC, or local with
 * a TZID), SUMMARY, UID, and the impact as X-IMPACT, a CATEGORIES entry (High/Medium/Low) or PRIORITY (1–4
 * high, 5 medium, 6–9 low, as RFC 5545 ranks them); the currency as X-CURRENCY or a 3-letter CATEGORIES entry.
 * Every problem is named with its line.
 */
export function parseIcs(text: string): { events: CalendarEvent[]; problems: string[] } {
  const { lines, problems } = unfold(text);
  if (lines.length === 0 || lines[0].name !== 'BEGIN' || lines[0].value.toUpperCase() !== 'VCALENDAR')
    return { events: [], problems: ['line 1: not an iCalendar file (BEGIN:VCALENDAR expected)'] };
  const found: { event: CalendarEvent; where: string }[] = [];
  let current: ContentLine[] | null = null;
  let start = 0;
  let depth = 0;
  for (const l of lines) {
    const component = l.value.toUpperCase();
    if (current === null) {
      if (l.name === 'BEGIN' && component === 'VEVENT') [current, start, depth] = [[], l.line, 0];
      continue;
    }
    if (l.name === 'BEGIN') depth++;
    else if (l.name === 'END' && depth > 0) depth--;
    else if (l.name === 'END' && component === 'VEVENT') {
      const read = eventOf(current, `line ${start}`);
      problems.push(...read.problems);
      if (read.event) found.push({ event: read.event, where: `line ${start}` });
      current = null;
    } else if (depth === 0) current.push(l); // a VALARM's properties are not the event's
  }
  if (current !== null) problems.push(`line ${start}: VEVENT is not closed (END:VEVENT missing)`);
  problems.push(...duplicateUids(found));
  return { events: found.map((f) => f.event), problems };
}

function unfold(text: string): { lines: ContentLine[]; problems: string[] } {
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const logical: { line: number; text: string }[] = [];
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical.length > 0)
      logical[logical.length - 1].text += raw.slice(1);
    else if (raw.trim() !== '') logical.push({ line: i + 1, text: raw });
  });
  const lines: ContentLine[] = [];
  const problems: string[] = [];
  for (const l of logical) {
    const parsed = contentLine(l.text);
    if (parsed) lines.push({ line: l.line, ...parsed });
    else problems.push(`line ${l.line}: not an iCalendar content line (NAME:VALUE expected)`);
  }
  return { lines, problems };
}

/** NAME *(;PARAM=VALUE) : VALUE, where a quoted parameter value may hold ':' and ';'. */
function contentLine(text: string): Omit<ContentLine, 'line'> | null {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length && colon < 0; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) colon = i;
  }
  if (colon <= 0) return null;
  const [name, ...rawParams] = text.slice(0, colon).match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  if (!name || !/^[A-Za-z0-9-]+$/.test(name)) return null;
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1) };
}

function eventOf(props: ContentLine[], where: string): { event: CalendarEvent | null; problems: string[] } {
  const prop = (name: string) => props.find((p) => p.name === name) ?? null;
  const problems: string[] = [];
  if (prop('RRULE'))
    problems.push(
      `line ${prop('RRULE')!.line}: RRULE: recurring events are not supported (export the occurrences)`,
    );
  const categories = props
    .filter((p) => p.name === 'CATEGORIES')
    .flatMap((p) => p.value.split(/(?<!\\),/).map((c) => unescapeText(c).trim()));
  const start = prop('DTSTART');
  const time = start ? startInstant(start, problems) : null;
  const raw: RawEvent = {
    uid: unescapeOrNull(prop('UID')),
    // a DTSTART already reported stands in as a valid instant, so the other fields are still checked
    time: start === null ? null : (time ?? new Date(0)),
    title: unescapeOrNull(prop('SUMMARY')),
    country: unescapeOrNull(prop('X-COUNTRY')),
    currency: unescapeOrNull(prop('X-CURRENCY')) ?? categories.find((c) => CURRENCY.test(c)) ?? null,
    impact: unescapeOrNull(prop('X-IMPACT')) ?? impactOf(categories, prop('PRIORITY')),
  };
  const read = readEvent(raw, where);
  return { event: problems.length ? null : read.event, problems: [...problems, ...read.problems] };
}

function startInstant(p: ContentLine, problems: string[]): Date | null {
  const fail = (message: string) => {
    problems.push(`line ${p.line}: DTSTART: ${message}`);
    return null;
  };
  if (p.params.VALUE?.toUpperCase() === 'DATE') return fail('an all-day event has no release time');
  const m = DATE_TIME.exec(p.value.trim());
  if (!m) return fail('must be a date-time such as 20260306T133000Z');
  const zone = m[2] === 'Z' ? 'UTC' : (p.params.TZID ?? null);
  if (zone === null) return fail('a floating time (no Z, no TZID) names no instant');
  const t = DateTime.fromFormat(m[1], "yyyyMMdd'T'HHmmss", { zone });
  if (!t.isValid)
    return fail(
      `${t.invalidReason === 'unsupported zone' ? `unknown TZID ${zone}` : 'not a valid date-time'}`,
    );
  return t.toJSDate();
}

/** X-IMPACT wins; else a CATEGORIES entry naming it ("High Impact"); else RFC 5545 PRIORITY. */
function impactOf(categories: string[], priority: ContentLine | null): string | null {
  for (const c of categories) {
    const word = /^(high|medium|low)\b/i.exec(c)?.[1];
    if (word) return word.toLowerCase();
  }
  const n = priority ? Number(priority.value.trim()) : NaN;
  if (n >= 1 && n <= 4) return 'high';
  if (n === 5) return 'medium';
  if (n >= 6 && n <= 9) return 'low';
  return null;
}

function unescapeOrNull(p: ContentLine | null): string | null {
  return p === null ? null : unescapeText(p.value);
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
