import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors/app-error';
import { MAX_TEXT_PROBLEMS } from '../../shared-kernel/text-rule';
import type { CalendarEvent } from '../domain/calendar-event';
import { csvEvents, csvHeaderProblems } from '../domain/csv-calendar';
import { parseIcs } from '../domain/ics-calendar';
import { CachedNewsCalendar } from './news-calendar.service';
import { CalendarEventStore, UpsertCounts } from './ports/calendar-event.store.port';
import { CalendarSource } from './ports/calendar-source.port';

export type CalendarFormat = 'csv' | 'ics';

export interface CalendarImportReport extends UpsertCounts {
  format: CalendarFormat;
  source: string;
  events: number;
}

/**
 * Imports an economic calendar (CSV or ICS, sent or at a URL) into the table, matched by uid so that the same
 * calendar imported again changes nothing; a document with any problem is refused whole (400 naming each line).
 * The risk gate's cached calendar is dropped after an import, so the next check sees it.
 */
@Injectable()
export class CalendarImportService {
  constructor(
    private readonly store: CalendarEventStore,
    private readonly source: CalendarSource,
    private readonly cache: CachedNewsCalendar,
  ) {}

  parse(format: CalendarFormat, body: unknown): CalendarEvent[] {
    if (typeof body !== 'string' || body.trim() === '')
      throw AppError.validation([
        `document: send the ${format === 'csv' ? 'CSV' : 'iCalendar'} file as text`,
      ]);
    const { events, problems } = format === 'csv' ? parseCsv(body) : parseIcs(body);
    if (problems.length) throw AppError.validation(capped(problems));
    if (events.length === 0) throw AppError.validation(['document: contains no events']);
    return events;
  }

  async importDocument(
    format: CalendarFormat,
    body: unknown,
    by: { source: string; actor: string },
  ): Promise<CalendarImportReport> {
    const events = this.parse(format, body);
    const counts = await this.store.upsert(events, by);
    this.cache.invalidate();
    return { format, source: by.source, events: events.length, ...counts };
  }

  /** The format from the URL's name (.csv / .ics), else from the server's content type. */
  async importUrl(url: string, actor: string): Promise<CalendarImportReport> {
    const { contentType, body } = await this.source.read(url);
    const name = new URL(url).pathname.toLowerCase();
    const type = (contentType ?? '').toLowerCase();
    const format: CalendarFormat | null = name.endsWith('.csv')
      ? 'csv'
      : name.endsWith('.ics')
        ? 'ics'
        : type.includes('text/csv')
          ? 'csv'
          : type.includes('calendar')
            ? 'ics'
            : null;
    if (format === null)
      throw AppError.validation([
        `url: ${url} is neither .csv nor .ics and answered ${contentType ?? 'no content type'}`,
      ]);
    return this.importDocument(format, body, { source: url, actor });
  }
}

function parseCsv(body: string): { events: CalendarEvent[]; problems: string[] } {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(body, { columns: true, skip_empty_lines: true, bom: true, info: true, trim: true });
  } catch (err) {
    return {
      events: [],
      problems: [`document: not valid CSV (${err instanceof Error ? err.message : String(err)})`],
    };
  }
  const header = rows.length ? Object.keys(rows[0].record) : [];
  const problems = csvHeaderProblems(header);
  if (problems.length) return { events: [], problems };
  return csvEvents(rows.map((r) => ({ line: r.info.lines, cells: r.record })));
}

/** A 1 MB file of bad lines must not become a 1 MB answer. */
function capped(problems: string[]): string[] {
  if (problems.length <= MAX_TEXT_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_TEXT_PROBLEMS),
    `… and ${problems.length - MAX_TEXT_PROBLEMS} more problems`,
  ];
}
