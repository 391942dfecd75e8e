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
import { RegistryImportService } from '../application/registry-import.service';
import type { ImportReport } from '../domain/import-records';
import { RegistryModule } from '../registry.module';

const USAGE =
  'usage: npm run registry:import -- FILE [--dry-run] [--retire-generic] [--format=json|csv] [--json]';

/**
 * `npm run registry:import -- FILE`: the same importer as POST /api/prop-registry/import, on DATABASE_URL or the
 * embedded database (which the running service holds: stop it first, or use the API). Exit 0: every row applied;
 * 2: some rows rejected (listed); 1: the file or the database could not be used.
 */
async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) throw new Error(USAGE);
  const dryRun = argv.includes('--dry-run');
  const format =
    argv.find((a) => a.startsWith('--format='))?.split('=')[1] ?? (/\.csv$/i.test(file) ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new Error(`--format must be json or csv\n${USAGE}`);
  const text = readFileSync(file, 'utf8');

  loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  const server = await openDatabaseServer(env);
  try {
    await runMigrations(server.url);
    @Module({
      imports: [PlatformModule, DatabaseModule.forUrl(server.url), ScheduleModule.forRoot(), RegistryModule],
    })
    class RegistryCliModule {}
    const ctx = await NestFactory.createApplicationContext(RegistryCliModule, {
      logger: new PinoNestLogger(createLogger(process.env.LOG_LEVEL ?? 'warn')),
    });
    try {
      const imports = ctx.get(RegistryImportService);
      const report = await imports.run(imports.parse(format, text), {
        dryRun,
        actor: 'cli:registry-import',
        retireGeneric: argv.includes('--retire-generic'),
      });
      process.stdout.write(
        argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : describe(file, report),
      );
      return report.rejected > 0 ? 2 : 0;
    } finally {
      await ctx.close();
    }
  } finally {
    await server.stop();
  }
}

function describe(file: string, r: ImportReport): string {
  const lines = [
    `${r.dry_run ? 'Dry run of' : 'Imported'} ${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected${retireSummary(r)}`,
    ...r.rows
      .filter((row) => row.action === 'rejected' || row.action === 'kept')
      .map((row) => `  ${row.source} ${row.entity} ${row.key}: ${row.problems.join('; ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

function retireSummary(r: ImportReport): string {
  const kept = r.rows.filter((row) => row.action === 'kept').length;
  return r.rows.some((row) => row.source === 'retire-generic')
    ? `; generic seed programs: ${r.retired} retired, ${kept} kept`
    : '';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const details = err instanceof AppError && err.details ? `\n  ${err.details.join('\n  ')}` : '';
    console.error(`${err instanceof Error ? err.message : String(err)}${details}`);
    process.exit(1);
  },
);
