import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/**
 * TypeORM's logger without the parameters: a failed statement is logged with its SQL text (placeholders
 * only), Postgres's SQLSTATE, message and the constraint, table or column it names. Never its parameters
 * (password and API-key hashes, usernames) nor Postgres's `detail` ("Failing row contains (…)", "Key
 * (username)=(…)"), which quote the values.
 */
export class SqlErrorLogger implements Logger {
  private readonly out = new NestLogger('Database');

  logQueryError(error: string | Error, query: string): void {
    this.out.error(`query failed: ${describeError(error)} -- ${oneLine(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn(`slow query (${time} ms): ${oneLine(query)}`);
  }

  logQuery(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn(String(message));
  }
}

function describeError(error: string | Error): string {
  if (typeof error === 'string') return error;
  const pg = ((error as { driverError?: PgErrorFields }).driverError ?? error) as PgErrorFields;
  const where = [
    pg.table && `table ${pg.table}`,
    pg.column && `column ${pg.column}`,
    pg.constraint && `constraint ${pg.constraint}`,
  ].filter(Boolean);
  return `${pg.code ?? error.name} ${error.message}${where.length ? ` (${where.join(', ')})` : ''}`;
}

function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
