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
import { DatabaseServer, openDatabaseServer } from './platform/database/database-server';
import type { runMigrations as RunMigrations } from './platform/database/migrate';
import type { createApp as CreateApp } from './create-app';
import { shutdownWithin } from './platform/lifecycle/graceful-shutdown';
import { StartupTimeline } from './platform/lifecycle/startup-timeline';
import { createLogger } from './platform/logging/logger';
import type { Logger } from 'pino';

/**
 * The service, started by main.ts (from the bundle `npm run build` makes, or from these files).
 * Start-up order: validate config → database (DATABASE_URL or embedded) → migrations → app → listen. The
 * app's modules are loaded while the embedded Postgres boots beside them. The ready line carries the
 * start-up timeline (`startupMs`: ms since the process started, per step).
 * Shutdown order on SIGINT/SIGTERM: stop taking requests and drain tasks (app.close) → stop the database,
 * within SHUTDOWN_TIMEOUT_MS whatever the platforms do (graceful-shutdown.ts).
 */
async function bootstrap(loadedFrom: LoadedFrom): Promise<void> {
  const timeline = new StartupTimeline();
  timeline.mark('service_loaded');
  const fromFile = loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  readHttpSettings(process.env); // TRUST_PROXY and the HTTP limits: refused before the database starts
  const logger = createLogger(env.LOG_LEVEL);
  if (fromFile) logger.info({ variables: fromFile.length }, '.env read (the real environment wins over it)');
  timeline.mark('config');
  const { db, createApp, runMigrations } = await openDatabaseLoadingApp(env, logger, timeline);
  let app: App | undefined;
  stopOnSignals(logger, env.SHUTDOWN_TIMEOUT_MS, db, () => app);
  try {
    const ran = await runMigrations(db.url);
    if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
    timeline.mark('migrations');
    app = await createApp({ databaseUrl: db.url, logger });
    timeline.mark('app_created');
    await app.listen({ port: env.PORT, host: env.HOST });
    timeline.mark('listening');
    const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
    const summary = await describeStartup(app, url);
    logger.info({ url, embeddedDatabase: db.embedded, ...loadedFrom, startupMs: timeline.marks }, summary);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await db.stop();
    throw err;
  }
}

type App = Awaited<ReturnType<typeof CreateApp>>;

/** The database server, and the app's modules loaded while it boots. */
async function openDatabaseLoadingApp(
  env: AppEnv,
  logger: Logger,
  timeline: StartupTimeline,
): Promise<{ db: DatabaseServer; createApp: typeof CreateApp; runMigrations: typeof RunMigrations }> {
  let createApp!: typeof CreateApp;
  let runMigrations!: typeof RunMigrations;
  const db = await openDatabaseServer(
    env,
    (message) => logger.warn(message),
    async () => {
      timeline.mark('database_spawned');
      ({ createApp } = await import('./create-app.js'));
      ({ runMigrations } = await import('./platform/database/migrate.js'));
      timeline.mark('modules_loaded');
    },
  );
  timeline.mark('database_ready');
  return { db, createApp, runMigrations };
}

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

/** How main.ts loaded the service: from the bundle (and whether through its code cache) or from dist's files. */
export interface LoadedFrom {
  bundle: boolean;
  codeCache: string | null;
}

/** Starts the service; resolves once it listens, exits the process with a message if it cannot start. */
export function start(loadedFrom: LoadedFrom = { bundle: false, codeCache: null }): Promise<void> {
  return bootstrap(loadedFrom).catch((err: unknown) => {
    console.error(`PropRouter failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
