import { readFileSync } from 'node:fs';
import { runCli, withCliContext } from '../../platform/cli/cli';
import { CalendarImportReport, CalendarImportService } from '../application/calendar-import.service';
import { CalendarModule } from '../calendar.module';

const USAGE = 'usage: npm run calendar:import -- FILE.csv|FILE.ics|URL [--json]';

/**
 * `npm run calendar:import -- FILE|URL`: the same importer as POST /api/calendar/import, on DATABASE_URL or the
 * embedded database (stop the running service first, or use the API). A running service sees the events within
 * its calendar refresh (5 min). Exit 0: imported; 1: the document (every problem listed) or database could not
 * be used.
 */
async function main(argv: string[]): Promise<number> {
  const target = argv.find((a) => !a.startsWith('--'));
  if (!target) throw new Error(USAGE);
  const isUrl = /^https?:\/\//i.test(target);
  const format = /\.csv$/i.test(target) ? 'csv' : 'ics';
  const text = isUrl ? null : readFileSync(target, 'utf8');

  return withCliContext([CalendarModule], async (ctx) => {
    const imports = ctx.get(CalendarImportService);
    const actor = 'cli:calendar-import';
    const report =
      text === null
        ? await imports.importUrl(target, actor)
        : await imports.importDocument(format, text, { source: target, actor });
    process.stdout.write(argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
    return 0;
  });
}

function describe(r: CalendarImportReport): string {
  return `Imported ${r.source} (${r.format}): ${r.events} events, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged\n`;
}

runCli(() => main(process.argv.slice(2)));
