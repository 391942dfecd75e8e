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
function lockText(ids: number[]): string {
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
 * A hold (taken before its work is known) first waits, in this process, for the earlier holds on any of its
 * accounts to be released, and only then asks Postgres: holds queued on one account never take a pooled
 * connection each while they wait, so the holder always finds one for its own reads and writes.
 */
@Injectable()
export class PgAccountLocks extends AccountLocks {
  /** Per account, the release of the last hold asked for on it in this process. */
  private readonly holds = new Map<number, Promise<void>>();

  constructor(private readonly sql: PgSql) {
    super();
  }

  async exclusive<T>(accountIds: number[], work: () => Promise<T>): Promise<T> {
    const ids = sorted(accountIds);
    if (ids.length === 0) return work();
    return this.sql.whileLocked(lockText(ids), work);
  }

  hold(accountIds: number[]): HeldAccounts {
    const ids = sorted(accountIds);
    const text = lockText(ids);
    let done!: () => void;
    const released = new Promise<void>((resolve) => (done = resolve));
    const before = ids.flatMap((id) => this.holds.get(id) ?? []);
    for (const id of ids) this.holds.set(id, released);
    let locks: ReturnType<PgSql['hold']> | null = null;
    let freed = false;
    const taken = (before.length > 0 ? Promise.all(before) : Promise.resolve()).then(() => {
      if (freed) throw new Error('released before it was taken');
      locks = this.sql.hold(text);
      // the next hold on these accounts may ask Postgres once this one is released there
      locks.taken.catch(() => undefined);
      return locks.taken;
    });
    taken.catch(() => done());
    return {
      accountIds: ids,
      taken,
      release: () => {
        if (freed) return;
        freed = true;
        locks?.release();
        for (const id of ids) if (this.holds.get(id) === released) this.holds.delete(id);
        done();
      },
    };
  }
}

function sorted(accountIds: number[]): number[] {
  return [...new Set(accountIds)].sort((a, b) => a - b);
}
