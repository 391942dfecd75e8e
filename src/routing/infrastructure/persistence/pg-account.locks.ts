import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import { AccountLocks } from '../../application/ports/account-locks.port';

/** First key of the two-key pg_advisory_xact_lock (a key space apart from the one-key locks): an entry decision. */
export const ACCOUNT_DECISION_LOCK = 4_711_014;

// A holder is never waited on for longer (it holds the lock a few ms): the decision then fails and its task
// is retried, rather than a router hanging behind a stuck process.
const BEGIN = `BEGIN; SET LOCAL lock_timeout = '5s'`;
// unnest yields the ids in array order (sorted by the caller): every process takes them in the same order,
// so two decisions on overlapping accounts never wait on each other in a cycle.
const LOCK = `SELECT pg_advisory_xact_lock($1::int, id) FROM unnest($2::int[]) AS id`;

/**
 * AccountLocks on Postgres: transaction-scoped advisory locks, one per trading account, on a connection of the
 * pool held for the work; the work's own statements run on other connections (their writes commit before the
 * lock is released). Locks of a process that dies are released with its connections.
 */
@Injectable()
export class PgAccountLocks extends AccountLocks {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async exclusive<T>(accountIds: number[], work: () => Promise<T>): Promise<T> {
    const ids = [...new Set(accountIds)].sort((a, b) => a - b);
    if (ids.length === 0) return work();
    return this.sql.transaction(BEGIN, async (client) => {
      await client.query(LOCK, [ACCOUNT_DECISION_LOCK, ids]);
      return work();
    });
  }
}
