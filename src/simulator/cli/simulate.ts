import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { readFileSync } from 'node:fs';
import { AppEnv } from '../../platform/config/app.config';
import { loadEnvFile } from '../../platform/config/env-file';
import { validateEnv } from '../../platform/config/validate-env';
import { DatabaseModule } from '../../platform/database/database.module';
import { openDatabaseServer } from '../../platform/database/database-server';
import { runMigrations } from '../../platform/database/migrate';
import { AppError } from '../../platform/errors/app-error';
import { createLogger } from '../../platform/logging/logger';
import { PinoNestLogger } from '../../platform/logging/pino-nest.logger';
import { PlatformModule } from '../../platform/platform.module';
import { SimulatorRunsService } from '../application/simulator-runs.service';
import { SimulatorModule } from '../simulator.module';
import { cliRequest, USAGE } from './simulate-args';
import { verdictTable } from './verdict-table';

/**
 * `npm run simulate -- FILE [--firm CODE | --programs 1,2 | --all] [--risk 0.5% --stop 10] [--search 0.05%:2%]`:
 * the same run as POST /api/simulator/runs (stored with the others), on DATABASE_URL or the embedded database
 * (which a running service holds: stop it first, or use the API). Prints a table, or the report with --json.
 * Exit 0: replayed; 1: the file, the arguments or the database could not be used (every problem listed).
 */
async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--') && !isValueOf(argv, a));
  if (!file) throw new Error(USAGE);
  const request = cliRequest(file, readFileSync(file, 'utf8'), argv);
  loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  const server = await openDatabaseServer(env);
  try {
    await runMigrations(server.url);
    @Module({
      imports: [PlatformModule, DatabaseModule.forUrl(server.url), ScheduleModule.forRoot(), SimulatorModule],
    })
    class SimulatorCliModule {}
    const ctx = await NestFactory.createApplicationContext(SimulatorCliModule, {
      logger: new PinoNestLogger(createLogger(process.env.LOG_LEVEL ?? 'warn')),
    });
    try {
      const run = await ctx.get(SimulatorRunsService).create(request);
      process.stdout.write(
        argv.includes('--json') ? `${JSON.stringify(run, null, 2)}\n` : verdictTable(run.id, run.report),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  } finally {
    await server.stop();
  }
}

function isValueOf(argv: string[], a: string): boolean {
  const i = argv.indexOf(a);
  return i > 0 && /^--(firm|programs|risk|stop|search|format|symbol|tz|multiplier|phase)$/.test(argv[i - 1]);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const details = err instanceof AppError && err.details ? `\n  ${err.details.join('\n  ')}` : '';
    console.error(`${err instanceof Error ? err.message : String(err)}${details}`);
    process.exit(1);
  },
);
