import { CalendarEvent, duplicateUids, readEvent } from './calendar-event';

/** The CSV format: a header line, then one event per line (`time` in UTC or with an offset). */
export const CSV_COLUMNS = ['id', 'time', 'title', 'country', 'currency', 'impact'] as const;
const REQUIRED = ['time', 'title', 'impact'];

/** The header's problems: unknown columns and missing required ones. */
export function csvHeaderProblems(header: string[]): string[] {
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  return [
    ...unknown.map((c) => `line 1: ${c}: unknown column (known: ${CSV_COLUMNS.join(', ')})`),
    ...REQUIRED.filter((c) => !header.includes(c)).map((c) => `line 1: ${c}: column is required`),
  ];
}

/** Every line's event, or every line's problems ("line 4: impact: …"). */
export function csvEvents(rows: { line: number; cells: Record<string, string> }[]): {
  events: CalendarEvent[];
  problems: string[];
} {
  const found: { event: CalendarEvent; where: string }[] = [];
  const problems: string[] = [];
  for (const { line, cells } of rows) {
    const read = readEvent(
      {
        uid: cells.id,
        time: cells.time ?? null,
        title: cells.title ?? null,
        country: cells.country,
        currency: cells.currency,
        impact: cells.impact ?? null,
      },
      `line ${line}`,
    );
    problems.push(...read.problems);
    if (read.event) found.push({ event: read.event, where: `line ${line}` });
  }
  problems.push(...duplicateUids(found));
  return { events: found.map((f) => f.event), problems };
}
