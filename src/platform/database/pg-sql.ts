import { Injectable } from '@nestjs/common';
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Single-statement SQL for the hot paths (intake, claim, completion, orders, the risk gate's read) on the
 * pg Pool TypeORM opened for the app: one round trip per statement and pg's plain result (rows and
 * rowCount for every command), without a QueryRunner per call. No transactions: each use is one statement.
 */
@Injectable()
export class PgSql {
  constructor(private readonly dataSource: DataSource) {}

  query<T extends QueryResultRow>(text: string, values: unknown[]): Promise<QueryResult<T>> {
    return this.pool().query<T>(text, values);
  }

  /**
   * The same as a named prepared statement: each pooled connection parses and plans `text` once, on its
   * first use, instead of on every call. For the statements run once or more per task.
   */
  prepared<T extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<QueryResult<T>> {
    return this.pool().query<T>({ name, text, values });
  }

  private pool(): Pool {
    // TypeORM's PostgresDriver keeps its pg Pool in `master` (typed `any` by TypeORM).
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw new Error('The database connection is not initialised');
    return pool;
  }
}
