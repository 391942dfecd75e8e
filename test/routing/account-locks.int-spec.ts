import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PgSql } from '../../src/platform/database/pg-sql';
import {
  ACCOUNT_DECISION_LOCK,
  PgAccountLocks,
} from '../../src/routing/infrastructure/persistence/pg-account.locks';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The entry decisions' per-account locks on Postgres, as two router processes hold them (one pool each): a
 * decision on an account waits for another process's decision on it to finish, and then sees what that one
 * wrote; decisions on other accounts run beside it; a failed decision releases its lock. The lock is taken in
 * one round trip and released behind the work's result (PgSql.whileLocked).
 */
describe('PgAccountLocks across two processes (integration)', () => {
  let db: TestDatabase;
  let pools: Pool[];
  let locks: PgAccountLocks[];

  beforeAll(async () => {
    db = await createTestDatabase('account_locks');
    pools = [new Pool({ connectionString: db.url, max: 4 }), new Pool({ connectionString: db.url, max: 4 })];
    locks = pools.map(
      (p) => new PgAccountLocks(new PgSql({ driver: { master: p } } as unknown as DataSource)),
    );
    await pools[0].query('CREATE TABLE decided (account int, n int)');
  });
  afterAll(async () => {
    await Promise.all((pools ?? []).map((p) => p.end()));
    await db?.drop();
  });

  /** A decision: reads how many entries the account has, waits, writes one more (on its own connection). */
  const decide = (process: 0 | 1, account: number, holdMs: number, log: string[]) =>
    locks[process].exclusive([account], async () => {
      const seen = await pools[process].query<{ n: string }>(
        'SELECT count(*) AS n FROM decided WHERE account = $1',
        [account],
      );
      log.push(`start ${process} saw ${seen.rows[0].n}`);
      await new Promise((r) => setTimeout(r, holdMs));
      await pools[process].query('INSERT INTO decided VALUES ($1, $2)', [
        account,
        Number(seen.rows[0].n) + 1,
      ]);
      log.push(`end ${process}`);
      return Number(seen.rows[0].n);
    });

  it('serializes two processes deciding for one account: the second sees the first one’s write', async () => {
    const log: string[] = [];
    const first = decide(0, 11, 300, log);
    await new Promise((r) => setTimeout(r, 50)); // the first holds the lock
    const second = decide(1, 11, 0, log);
    expect(await Promise.all([first, second])).toEqual([0, 1]);
    expect(log).toEqual(['start 0 saw 0', 'end 0', 'start 1 saw 1', 'end 1']);
  });

  it('runs decisions on different accounts side by side', async () => {
    const log: string[] = [];
    const started = Date.now();
    await Promise.all([decide(0, 21, 400, log), decide(1, 22, 400, log)]);
    expect(log.slice(0, 2).every((l) => l.startsWith('start'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(790); // not one after the other (2 × 400 ms)
  });

  it('takes overlapping account sets in one order: no deadlock between [31, 32] and [32, 31]', async () => {
    const hold = (p: 0 | 1, ids: number[]) =>
      locks[p].exclusive(ids, () => new Promise<string>((r) => setTimeout(() => r(`done ${p}`), 200)));
    await expect(Promise.all([hold(0, [31, 32]), hold(1, [32, 31])])).resolves.toEqual(['done 0', 'done 1']);
  });

  it('releases the lock of a decision that failed, and the error reaches the caller', async () => {
    await expect(locks[0].exclusive([41], () => Promise.reject(new Error('sizing failed')))).rejects.toThrow(
      'sizing failed',
    );
    const log: string[] = [];
    const started = Date.now();
    await decide(1, 41, 0, log);
    expect(Date.now() - started).toBeLessThan(4000); // not the 5 s lock_timeout
    expect(log).toEqual(['start 1 saw 0', 'end 1']);
  });

  it('refuses an account id that is not a whole number before touching the database', async () => {
    await expect(locks[0].exclusive([1.5], async () => 'never')).rejects.toThrow('integers');
  });

  /** The decision locks held right now, by any process: account ids. */
  const heldNow = async () => {
    const r = await pools[0].query<{ objid: string }>(
      `SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted`,
      [ACCOUNT_DECISION_LOCK],
    );
    return r.rows.map((row) => Number(row.objid)).sort((a, b) => a - b);
  };
  const settle = () => new Promise((r) => setTimeout(r, 100));

  describe('tryHold: taken before the work is known (the hand-off), released by its holder', () => {
    it('holds until released; another process decides after it and sees what was written under it', async () => {
      const held = locks[0].tryHold([52, 51])!;
      expect(held.accountIds).toEqual([51, 52]);
      await held.taken;
      expect(await heldNow()).toEqual([51, 52]);
      const log: string[] = [];
      const other = decide(1, 51, 0, log);
      await new Promise((r) => setTimeout(r, 150));
      expect(log).toEqual([]); // waiting for the hold
      await pools[0].query('INSERT INTO decided VALUES (51, 1)');
      held.release();
      expect(await other).toBe(1);
      await settle();
      expect(await heldNow()).toEqual([]);
    });

    it('refuses (asks nothing) an account this process holds that way, or more holds than a quarter of its pool', async () => {
      const pool = new Pool({ connectionString: db.url, max: 8 });
      const wide = new PgAccountLocks(new PgSql({ driver: { master: pool } } as unknown as DataSource));
      try {
        const first = wide.tryHold([61])!;
        expect(wide.tryHold([62, 61])).toBeNull();
        const second = wide.tryHold([63])!;
        expect(wide.tryHold([64])).toBeNull(); // 2 of 8 connections
        await Promise.all([first.taken, second.taken]);
        expect(await heldNow()).toEqual([61, 63]);
        first.release();
        const again = wide.tryHold([62, 61])!;
        await again.taken;
        expect(await heldNow()).toEqual([61, 62, 63]);
        again.release();
        second.release();
        again.release(); // a second call does nothing
        await settle();
        expect(await heldNow()).toEqual([]);
        const last = wide.tryHold([64]); // every slot given back
        expect(last).not.toBeNull();
        await last!.taken;
        last!.release();
      } finally {
        await settle();
        await pool.end();
      }
    });

    it('released before it was taken (a duplicate alert, a failed insert): nothing is left held', async () => {
      const first = locks[1].tryHold([71])!;
      await first.taken;
      const asked = locks[0].tryHold([71])!; // waits in Postgres behind the other process's
      await new Promise((r) => setTimeout(r, 50));
      asked.release();
      first.release();
      await asked.taken; // taken once the first let go, then let go at once
      await settle();
      expect(await heldNow()).toEqual([]);
      const next = locks[0].tryHold([71])!;
      await next.taken;
      next.release();
      await settle();
      expect(await heldNow()).toEqual([]);
    });

    it('a hold that cannot be taken in time rejects, holds nothing, and lets the next one through', async () => {
      const blocker = await pools[1].connect();
      await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(${ACCOUNT_DECISION_LOCK}, 81)`);
      const timedOut = locks[0].tryHold([81])!;
      await expect(timedOut.taken).rejects.toThrow(/lock timeout/);
      timedOut.release();
      await blocker.query('COMMIT');
      blocker.release();
      const next = locks[0].tryHold([81])!;
      await next.taken;
      expect(await heldNow()).toEqual([81]);
      next.release();
      await settle();
      expect(await heldNow()).toEqual([]);
    }, 15_000);
  });
});
