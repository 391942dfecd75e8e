import 'reflect-metadata';
import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AppEnv } from '../config/app.config';
import { loadEnvFile } from '../config/env-file';
import { validateEnv } from '../config/validate-env';
import { DatabaseModule } from '../database/database.module';
import { openDatabaseServer } from '../database/database-server';
import { runMigrations } from '../database/migrate';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '../logging/pino-nest.logger';
import { PlatformModule } from '../platform.module';

/**
 * What every command-line entry point (`npm run registry:import`, `calendar:import`, `accounts:rotate-key`,
 * `migration:run`, …) does the same way: read `.env` (real environment variables win), validate the settings,
 * open the service's database (DATABASE_URL, or the embedded server in the data dir — which a running service
 * holds: stop it first, or use the API) migrated to the current schema, and stop it afterwards.
 */
export async function withMigratedDatabase<T>(
  use: (url: string, env: AppEnv, migrated: string[]) => Promise<T>,
): Promise<T> {
  loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  const server = await openDatabaseServer(env);
  try {
    const migrated = await runMigrations(server.url);
    return await use(server.url, env, migrated);
  } finally {
    await server.stop();
  }
}

/**
 * `withMigratedDatabase`, with a Nest application context of the platform, the database and the given
 * context modules (the same services the API uses), closed afterwards. Logs at LOG_LEVEL, `warn` by default.
 */
export function withCliContext<T>(
  modules: Type[],
  use: (ctx: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withMigratedDatabase(async (url) => {
    @Module({ imports: [PlatformModule, DatabaseModule.forUrl(url), ScheduleModule.forRoot(), ...modules] })
    class CliModule {}
    const ctx = await NestFactory.createApplicationContext(CliModule, {
      logger: new PinoNestLogger(createLogger(process.env.LOG_LEVEL ?? 'warn')),
    });
    try {
      return await use(ctx);
    } finally {
      await ctx.close();
    }
  });
}

/**
 * Runs a command and exits with the code it answers; a failure prints its message (and an AppError's
 * details, one per line) on stderr, after `prefix` when given, and exits 1.
 */
export function runCli(main: () => Promise<number>, prefix = ''): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const details = err instanceof AppError && err.details ? `\n  ${err.details.join('\n  ')}` : '';
      console.error(`${prefix}${err instanceof Error ? err.message : String(err)}${details}`);
      process.exit(1);
    },
  );
}
