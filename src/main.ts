import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AccountDirectory } from './accounts/application/ports/account-directory.port';
import { readRoutingSettings } from './routing/infrastructure/config/routing.config';
import { startupSummary } from './startup-summary';
import { DASHBOARD_DIR } from './platform/http/dashboard';
import { AppEnv } from './platform/config/app.config';
import { loadEnvFile } from './platform/config/env-file';
import { readHttpSettings } from './platform/config/http.config';
import { validateEnv } from './platform/config/validate-env';
import { openDatabaseServer } from './platform/database/database-server';
import type { runMigrations as RunMigrations } from './platform/database/migrate';
import type { createApp as CreateApp } from './create-app';
import { shutdownWithin } from './platform/lifecycle/graceful-shutdown';
import { createLogger } from './platform/logging/logger';
import type { Logger } from 'pino';

/**
 * Start-up order: validate config → database (DATABASE_URL or embedded) → migrations → app → listen. The
 * app's modules (about a second of loading) are loaded while the embedded Postgres boots beside them.
 * Shutdown order on SIGINT/SIGTERM: stop taking requests and drain tasks (app.close) → stop the database,
 * within SHUTDOWN_TIMEOUT_MS whatever the platforms do (graceful-shutdown.ts).
 */
async function bootstrap(): Promise<void> {
  const fromFile = loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  readHttpSettings(process.env); // TRUST_PROXY and the HTTP limits: refused before the database starts
  const logger = createLogger(env.LOG_LEVEL);
  if (fromFile) logger.info({ variables: fromFile.length }, '.env read (the real environment wins over it)');
  let createApp!: typeof CreateApp;
  let runMigrations!: typeof RunMigrations;
  const db = await openDatabaseServer(
    env,
    (message) => logger.warn(message),
    async () => {
      ({ createApp } = await import('./create-app.js'));
      ({ runMigrations } = await import('./platform/database/migrate.js'));
    },
  );
  let app: App | undefined;
  stopOnSignals(logger, env.SHUTDOWN_TIMEOUT_MS, db, () => app);
  try {
    const ran = await runMigrations(db.url);
    if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
    app = await createApp({ databaseUrl: db.url, logger });
    await app.listen({ port: env.PORT, host: env.HOST });
    const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
    logger.info({ url, embeddedDatabase: db.embedded }, await describeStartup(app, url));
  } catch (err) {
    await app?.close().catch(() => undefined);
    await db.stop();
    throw err;
  }
}

type App = Awaited<ReturnType<typeof CreateApp>>;

/** The one start-up line: where to go, dry run or live, the enabled accounts. */
async function describeStartup(app: App, url: string): Promise<string> {
  const routing = readRoutingSettings(process.env);
  const enabled = await app
    .get(AccountDirectory)
    .resolveTargets({ accounts: [], tags: [], firmCodes: [], programIds: [] });
  return startupSummary({
    url,
    dashboard: existsSync(join(DASHBOARD_DIR, 'index.html')),
    dryRun: routing.dryRun,
    routerEnabled: routing.routerEnabled,
    accounts: enabled.ok ? enabled.accounts : [],
  });
}

/** SIGINT/SIGTERM: stop taking requests and drain tasks (app.close), then stop the database, then exit. */
function stopOnSignals(
  logger: Logger,
  budgetMs: number,
  db: { stop(): Promise<void> },
  app: () => App | undefined,
): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, budgetMs }, 'shutting down');
    // the last resort, should a step ignore its deadline (e.g. a synchronous hang)
    setTimeout(() => process.exit(1), budgetMs + 1000).unref();
    await shutdownWithin(
      budgetMs,
      { closeApp: async () => app()?.close(), stopDatabase: () => db.stop() },
      logger,
    );
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

bootstrap().catch((err: unknown) => {
  console.error(`PropRouter failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
