import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Single-statement SQL for the hot paths (intake, claim, completion, orders, the risk gate's read) on the
 * pg Pool TypeORM opened for the app: one round trip per statement and pg's plain result (rows and
 * rowCount for every command), without a QueryRunner per call. Each use is one statement, except `transaction`.
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

  /**
   * `work` in one transaction on one pooled connection (`begin` is its first statement text, e.g. with
   * `SET LOCAL`): committed when `work` resolves, rolled back when it throws. For the transaction-scoped
   * locks (pg_advisory_xact_lock) that several statements on other connections must run under.
   */
  async transaction<T>(begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      // a connection that could not roll back is closed, never handed to the next caller mid-transaction
      client.release(broken);
    }
  }

  /**
   * `work` while one pooled connection holds the transaction-scoped locks `lock` takes (one simple-protocol
   * text, e.g. `BEGIN; SET LOCAL ...; SELECT pg_advisory_xact_lock(...)`: one round trip). `work` writes on
   * other connections, so its writes are committed when it resolves and the transaction holds nothing but
   * the locks: its result is returned at once and the COMMIT that releases them is sent behind it, off the
   * caller's path. A lock or a `work` that fails rolls back before the error is thrown.
   */
  async whileLocked<T>(lock: string, work: () => Promise<T>): Promise<T> {
    const client = await this.locked(lock);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await rollBackAndRelease(client);
      throw error;
    }
    commitBehind(client);
    return result;
  }

  /**
   * The locks `lock` takes (as in whileLocked) taken now, on a pooled connection of their own, and held until
   * `release`: for work that starts before what runs under the locks is known (the task not yet inserted).
   * `taken` resolves once they are held, and rejects (nothing held, the connection back in the pool) when
   * they could not be taken. `release` may be called at any time, once or more: it sends the COMMIT that
   * frees them as soon as they are held (at once if they are), or nothing if they never were. Writes the
   * next holder must see are committed (on other connections) before it is called.
   */
  hold(lock: string): HeldLocks {
    let client: PoolClient | null = null;
    let released = false;
    const free = () => {
      commitBehind(client!);
      client = null;
    };
    const taken = this.locked(lock).then((c) => {
      client = c;
      if (released) free();
    });
    return {
      taken,
      release: () => {
        if (released) return;
        released = true;
        if (client) free();
      },
    };
  }

  /** How many connections the pool may open (pg's `max`, 10 unless set). */
  poolSize(): number {
    return (this.pool() as unknown as { options: { max?: number } }).options.max ?? 10;
  }

  /** A pooled connection once `lock` (a transaction's opening text) has run on it; rolled back and released if it failed. */
  private async locked(lock: string): Promise<PoolClient> {
    const client = await this.pool().connect();
    try {
      await client.query(lock);
      return client;
    } catch (error) {
      await rollBackAndRelease(client);
      throw error;
    }
  }

  private pool(): Pool {
    // TypeORM's PostgresDriver keeps its pg Pool in `master` (typed `any` by TypeORM).
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw new Error('The database connection is not initialised');
    return pool;
  }
}

/** Ends a failed lock transaction; a connection that could not roll back is closed, not pooled mid-transaction. */
async function rollBackAndRelease(client: PoolClient): Promise<void> {
  const broken = await client.query('ROLLBACK').then(
    () => undefined,
    (e: Error) => e,
  );
  client.release(broken);
}

/**
 * Sends the COMMIT that frees a lock transaction's locks, off the caller's path. A connection whose COMMIT
 * failed is closed (its locks go with it), never reused mid-transaction.
 */
function commitBehind(client: PoolClient): void {
  client.query('COMMIT').then(
    () => client.release(),
    (e: Error) => client.release(e),
  );
}

/** Locks held on a connection of their own until released (PgSql.hold). */
export interface HeldLocks {
  readonly taken: Promise<void>;
  release(): void;
}
