import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { readFileSync } from 'node:fs';
import { AppEnv } from '../../platform/config/app.config';
import { validateEnv } from '../../platform/config/validate-env';
import { loadEnvFile } from '../../platform/config/env-file';
import { DatabaseModule } from '../../platform/database/database.module';
import { openDatabaseServer } from '../../platform/database/database-server';
import { runMigrations } from '../../platform/database/migrate';
import { AppError } from '../../platform/errors/app-error';
import { createLogger } from '../../platform/logging/logger';
import { PinoNestLogger } from '../../platform/logging/pino-nest.logger';
import { PlatformModule } from '../../platform/platform.module';
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

  loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  const server = await openDatabaseServer(env);
  try {
    await runMigrations(server.url);
    @Module({
      imports: [PlatformModule, DatabaseModule.forUrl(server.url), ScheduleModule.forRoot(), CalendarModule],
    })
    class CalendarCliModule {}
    const ctx = await NestFactory.createApplicationContext(CalendarCliModule, {
      logger: new PinoNestLogger(createLogger(process.env.LOG_LEVEL ?? 'warn')),
    });
    try {
      const imports = ctx.get(CalendarImportService);
      const actor = 'cli:calendar-import';
      const report =
        text === null
          ? await imports.importUrl(target, actor)
          : await imports.importDocument(format, text, { source: target, actor });
      process.stdout.write(
        argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : describe(report),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  } finally {
    await server.stop();
  }
}

function describe(r: CalendarImportReport): string {
  return `Imported ${r.source} (${r.format}): ${r.events} events, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const details = err instanceof AppError && err.details ? `\n  ${err.details.join('\n  ')}` : '';
    console.error(`${err instanceof Error ? err.message : String(err)}${details}`);
    process.exit(1);
  },
);
