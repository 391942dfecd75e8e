import { join } from 'node:path';
import { ServiceHandle as Service, startService } from '../../test/support/service-process';
import { adminQuery, createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { WEBHOOK_SECRET } from './webhook';

export interface BenchContext {
  quick: boolean;
  /** Where `--profile` puts the services' CPU profiles; null = no profiling. */
  cpuProfDir: string | null;
  logLevel: string;
  log(message: string): void;
}

/** What every service under test gets; scenarios add the database, router and firm settings. */
export function serviceEnv(ctx: BenchContext, extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: ctx.logLevel,
    WEBHOOK_SECRET,
    JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
    EXECUTION_DRY_RUN: 'true',
    ROUTER_ENABLED: 'false',
    ...extra,
  };
}

export function start(
  ctx: BenchContext,
  label: string,
  env: Record<string, string>,
  readyTimeoutMs?: number,
): Promise<Service> {
  return startService({
    label,
    env: serviceEnv(ctx, env),
    cpuProfDir: ctx.cpuProfDir ? join(ctx.cpuProfDir, label) : undefined,
    readyTimeoutMs,
    pollMs: 10, // start-up is timed to the first ready answer
    outputLines: 60,
  });
}

/**
 * A fresh, empty database for `fn` (the service migrates it, as on a first start), dropped afterwards whatever
 * happens.
 */
export async function withDatabase<T>(fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase('bench', { empty: true });
  // Start from a clean slate: the dirty buffers of earlier work (a dropped database, a previous scenario)
  // written out now, not by a checkpoint in the middle of the measurement. Needs superuser; skipped if not.
  await adminQuery('CHECKPOINT').catch(() => undefined);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}

/** A service for `fn`, stopped afterwards whatever happens. */
export async function withService<T>(
  ctx: BenchContext,
  label: string,
  env: Record<string, string>,
  fn: (service: Service) => Promise<T>,
): Promise<T> {
  const service = await start(ctx, label, env);
  try {
    return await fn(service);
  } finally {
    await service.stop();
  }
}
