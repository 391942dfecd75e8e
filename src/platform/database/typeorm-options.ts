import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SqlErrorLogger } from './sql-error.logger';

// Built: dist/platform/database → dist/migrations/*.js. From source (jest): src/platform/database → migrations/*.ts.
export const migrationFiles = __filename.endsWith('.ts')
  ? { dir: join(__dirname, '..', '..', '..', 'migrations'), extension: '.ts' }
  : { dir: join(__dirname, '..', '..', 'migrations'), extension: '.js' };
const migrationsGlob = join(migrationFiles.dir, `*${migrationFiles.extension}`);

/** One place that turns a URL into TypeORM options, shared by the app, the migrator and the CLI. */
export function typeormOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: [migrationsGlob],
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 },
    logging: ['error', 'warn'],
    logger: new SqlErrorLogger(),
  };
}
