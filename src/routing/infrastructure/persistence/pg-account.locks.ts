import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import { AccountLocks, HeldAccounts } from '../../application/ports/account-locks.port';

/** First key of the two-key pg_advisory_xact_lock (a key space apart from the one-key locks): an entry decision. */
export const ACCOUNT_DECISION_LOCK = 4_711_014;

// A holder is never waited on for longer (it holds the lock a few ms): the decision then fails and its task
// is retried, rather than a router hanging behind a stuck process. One text, one round trip: the account ids
// are whole numbers checked here, written into it (a simple-protocol text takes no parameters). unnest yields
// them in array order (sorted by the caller): every process takes them in the same order, so two decisions on
// overlapping accounts never wait on each other in a cycle.
export function lockText(ids: number[]): string {
  if (!ids.every((id) => Number.isSafeInteger(id)))
    throw new Error(`account ids must be integers: ${ids.join(', ')}`);
  return (
    `BEGIN; SET LOCAL lock_timeout = '5s'; ` +
    `SELECT pg_advisory_xact_lock(${ACCOUNT_DECISION_LOCK}, id) FROM unnest('{${ids.join(',')}}'::int[]) AS id`
  );
}

/**
 * AccountLocks on Postgres: transaction-scoped advisory locks, one per trading account, on a connection of the
 * pool held for the work; the work's own statements run on other connections (their writes commit before the
 * lock is released). The lock is taken in one round trip and released behind the work's result (PgSql.whileLocked):
 * the work's writes are committed by then, so the next holder sees them. Locks of a process that dies are
 * released with its connections.
 *
 * A hold (tryHold: taken before its work is known, beside a task's insert) keeps its connection from the task's
 * insert to its orders' rows, so a process has few of them at once (a quarter of its pool), and never two on
 * one account: a second entry on an account held that way is decided the usual way, with its turn's others.
 */
@Injectable()
export class PgAccountLocks extends AccountLocks {
  /** Accounts held (or being taken) by this process's holds. */
  private readonly holding = new Set<number>();
  private holds = 0;

  constructor(private readonly sql: PgSql) {
    super();
  }

  async exclusive<T>(accountIds: number[], work: () => Promise<T>): Promise<T> {
    const ids = sorted(accountIds);
    if (ids.length === 0) return work();
    return this.sql.whileLocked(lockText(ids), work);
  }

  tryHold(accountIds: number[]): HeldAccounts | null {
    const ids = sorted(accountIds);
    if (ids.length === 0 || this.holds >= Math.max(1, Math.floor(this.sql.poolSize() / 4))) return null;
    if (ids.some((id) => this.holding.has(id))) return null;
    const locks = this.sql.hold(lockText(ids));
    this.holds++;
    for (const id of ids) this.holding.add(id);
    let released = false;
    return {
      accountIds: ids,
      taken: locks.taken,
      release: () => {
        if (released) return;
        released = true;
        locks.release();
        this.holds--;
        for (const id of ids) this.holding.delete(id);
      },
    };
  }
}

function sorted(accountIds: number[]): number[] {
  return [...new Set(accountIds)].sort((a, b) => a - b);
}
