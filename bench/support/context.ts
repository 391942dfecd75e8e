import { join } from 'node:path';
import { BenchDatabase, createBenchDatabase } from './bench-database';
import { Service, startService } from './service-process';
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
  });
}

/** A fresh database for `fn`, dropped afterwards whatever happens. */
export async function withDatabase<T>(fn: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase();
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
