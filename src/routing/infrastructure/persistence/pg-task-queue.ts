import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { Signal } from '../../domain/signal';
import type { TaskResult } from '../../domain/task-result';
import {
  ClaimedTask,
  EnqueueOutcome,
  Lease,
  RetryOutcome,
  TaskQueue,
} from '../../application/ports/task-queue.port';
import { Coalesced } from '../../application/coalesce';
import { RoutingSql } from './routing-sql';

export const TASK_CHANNEL = 'execution_tasks';

const INSERT = `INSERT INTO execution_tasks (trade_id, event_type, payload) VALUES ($1, $2, $3)
  ON CONFLICT (trade_id, event_type) DO NOTHING RETURNING id`;
const INSERT_AND_NOTIFY = `WITH ins AS (${INSERT}) SELECT id, pg_notify('${TASK_CHANNEL}', id::text) FROM ins`;

// Every signal of one event-loop turn in one statement and one commit (group commit): under load the
// intake is bound by commits, not by rows. Routers only need a wake-up, so one NOTIFY per statement.
// The rows travel as one JSON document: pg would escape a text[] parameter character by character in JS.
const INSERT_MANY = `INSERT INTO execution_tasks (trade_id, event_type, payload)
  SELECT s.trade_id, s.event_type, s.payload FROM jsonb_to_recordset($1::jsonb) AS s(trade_id text, event_type text, payload jsonb)
  ON CONFLICT (trade_id, event_type) DO NOTHING RETURNING id, trade_id, event_type`;
const INSERT_MANY_AND_NOTIFY = `WITH ins AS (${INSERT_MANY})
  SELECT i.id, i.trade_id, i.event_type FROM ins i CROSS JOIN (SELECT pg_notify('${TASK_CHANNEL}', max(id)::text) FROM ins) n`;

// Due: pending and available, or processing with an expired lease. A task waits while an earlier task of
// the same trade is unfinished, so an exit never overtakes its entry, even across routers. (trade_id,
// event_type) is unique, so that earlier task can only be the trade's other event: naming it lets the check be
// one lookup in the unique index whatever the planner's statistics say (with `e.id < c.id` alone, a queue
// filled faster than autovacuum analyzes it got an index-wide BitmapAnd per candidate: 4 s per claim at 20k).
export const CLAIM = `UPDATE execution_tasks t
  SET status = 'PROCESSING', locked_by = $1, locked_until = now() + $2 * interval '1 millisecond',
      attempts = t.attempts + 1, updated_at = now()
  WHERE t.id IN (
    SELECT c.id FROM execution_tasks c
    WHERE c.status IN ('PENDING', 'PROCESSING')
      AND CASE c.status WHEN 'PENDING' THEN c.available_at <= now() ELSE c.locked_until < now() END
      AND NOT EXISTS (SELECT 1 FROM execution_tasks e
                      WHERE e.trade_id = c.trade_id
                        AND e.event_type = CASE c.event_type WHEN 'entry' THEN 'exit' ELSE 'entry' END
                        AND e.id < c.id AND e.status IN ('PENDING', 'PROCESSING'))
    ORDER BY c.id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING t.id, t.payload, t.attempts, t.created_at`;

// The lease holder's id and the claim's attempt number fence every later write.
const MINE = `id = $1 AND locked_by = $2 AND attempts = $3 AND status = 'PROCESSING'`;

export const COMPLETE = `WITH done AS (
    UPDATE execution_tasks SET status = 'COMPLETED', completed_at = now(), updated_at = now(), locked_until = NULL
    WHERE ${MINE} RETURNING id)
  INSERT INTO execution_logs (task_id, response_body) SELECT id, $4 FROM done RETURNING task_id`;

// The same for every completion of one event-loop turn: one statement, one commit, each row still fenced.
const COMPLETE_MANY = `WITH r AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, locked_by text, attempts int, body jsonb)),
  done AS (
    UPDATE execution_tasks t SET status = 'COMPLETED', completed_at = now(), updated_at = now(), locked_until = NULL
    FROM r WHERE t.id = r.id AND t.locked_by = r.locked_by AND t.attempts = r.attempts AND t.status = 'PROCESSING'
    RETURNING t.id, r.body)
  INSERT INTO execution_logs (task_id, response_body) SELECT id, body FROM done ORDER BY id RETURNING task_id`;

const RETRY_LATER = `UPDATE execution_tasks SET status = 'PENDING', available_at = now() + $5 * interval '1 millisecond',
    locked_by = NULL, locked_until = NULL, last_error = $4, updated_at = now() WHERE ${MINE}`;

const FAIL = `UPDATE execution_tasks SET status = 'FAILED', locked_until = NULL, last_error = $4, updated_at = now()
  WHERE ${MINE}`;

const RELEASE = `UPDATE execution_tasks t SET status = 'PENDING', attempts = t.attempts - 1, locked_by = NULL,
    locked_until = NULL, updated_at = now()
  FROM unnest($1::bigint[], $3::int[]) AS r(id, attempts)
  WHERE t.id = r.id AND t.attempts = r.attempts AND t.locked_by = $2 AND t.status = 'PROCESSING'`;

const EXTEND = `UPDATE execution_tasks SET locked_until = now() + $3 * interval '1 millisecond'
  WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'PROCESSING'`;

const RETRY_FAILED = `UPDATE execution_tasks SET status = 'PENDING', attempts = 0, available_at = now(),
    locked_by = NULL, locked_until = NULL, updated_at = now() WHERE id = $1 AND status = 'FAILED' RETURNING id`;

const MAX_ERROR_LENGTH = 2000;

/**
 * A claim slower than this means the planner is working from missing or stale statistics (a queue filled
 * in a burst, before autovacuum's next look): the claim then sorts every open task instead of walking the
 * open-task index, and each claim costs tens of milliseconds. The queue analyzes its table itself then.
 */
const SLOW_CLAIM_MS = 20;
const ANALYZE_EVERY_MS = 30_000;

/** The task queue on Postgres: every operation is one statement. */
@Injectable()
export class PgTaskQueue extends TaskQueue {
  private readonly log = new Logger('PgTaskQueue');
  private lastAnalyze = -Infinity;
  private readonly completions = new Coalesced<Completion, boolean>((c) => this.completeMany(c));
  private readonly inserts = new Coalesced<Signal, number | null>((s) => this.insertMany(s, true));
  private readonly silentInserts = new Coalesced<Signal, number | null>((s) => this.insertMany(s, false));

  constructor(private readonly sql: RoutingSql) {
    super();
  }

  async enqueue(signal: Signal, notify: boolean): Promise<EnqueueOutcome> {
    const key = [signal.trade_id, signal.event_type];
    const [insertedId] = await (notify ? this.inserts : this.silentInserts).call([signal]);
    if (insertedId !== null) return { taskId: insertedId, duplicate: false };
    const existing = await this.sql.query<{ id: string }>(
      'SELECT id FROM execution_tasks WHERE trade_id = $1 AND event_type = $2',
      key,
    );
    if (existing.rows.length === 0) throw new Error(`Task ${key.join('/')} conflicted but cannot be found`);
    return { taskId: Number(existing.rows[0].id), duplicate: true };
  }

  /** The new task's id per signal, in order; null where trade_id + event_type was already queued. */
  private async insertMany(signals: Signal[], notify: boolean): Promise<(number | null)[]> {
    if (signals.length === 1) {
      const s = signals[0];
      const r = await this.sql.query<{ id: string }>(notify ? INSERT_AND_NOTIFY : INSERT, [
        s.trade_id,
        s.event_type,
        JSON.stringify(s),
      ]);
      return [r.rows.length > 0 ? Number(r.rows[0].id) : null];
    }
    const r = await this.sql.query<{ id: string; trade_id: string; event_type: string }>(
      notify ? INSERT_MANY_AND_NOTIFY : INSERT_MANY,
      [JSON.stringify(signals.map((s) => ({ trade_id: s.trade_id, event_type: s.event_type, payload: s })))],
    );
    const ids = new Map(r.rows.map((row) => [`${row.event_type}\u0000${row.trade_id}`, Number(row.id)]));
    // A key sent twice in one statement is inserted once: the first signal gets it, the second is a duplicate.
    return signals.map((s) => {
      const k = `${s.event_type}\u0000${s.trade_id}`;
      const id = ids.get(k) ?? null;
      ids.delete(k);
      return id;
    });
  }

  async claim(lease: Lease, limit: number): Promise<ClaimedTask[]> {
    const started = performance.now();
    const r = await this.sql.query<{ id: string; payload: Signal; attempts: number; created_at: Date }>(
      CLAIM,
      [lease.routerId, lease.leaseMs, limit],
    );
    if (performance.now() - started > SLOW_CLAIM_MS) this.refreshStatistics();
    return r.rows
      .map((row) => ({
        id: Number(row.id),
        signal: row.payload,
        attempts: row.attempts,
        createdAt: row.created_at,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Completions arriving together (a batch's tasks) share one statement; each answers for its own row. */
  async complete(task: ClaimedTask, routerId: string, result: TaskResult): Promise<boolean> {
    const [done] = await this.completions.call([{ id: task.id, routerId, attempts: task.attempts, result }]);
    return done;
  }

  private async completeMany(items: Completion[]): Promise<boolean[]> {
    if (items.length === 1) {
      const { id, routerId, attempts, result } = items[0];
      const r = await this.sql.query(COMPLETE, [id, routerId, attempts, JSON.stringify(result)]);
      return [r.rows.length === 1];
    }
    const rows = items.map((i) => ({
      id: i.id,
      locked_by: i.routerId,
      attempts: i.attempts,
      body: i.result,
    }));
    const r = await this.sql.query<{ task_id: string }>(COMPLETE_MANY, [JSON.stringify(rows)]);
    const done = new Set(r.rows.map((row) => Number(row.task_id)));
    return items.map((i) => done.has(i.id));
  }

  async retryLater(task: ClaimedTask, routerId: string, error: string, delayMs: number): Promise<void> {
    await this.sql.query(RETRY_LATER, [task.id, routerId, task.attempts, clip(error), delayMs]);
  }

  async fail(task: ClaimedTask, routerId: string, error: string): Promise<void> {
    await this.sql.query(FAIL, [task.id, routerId, task.attempts, clip(error)]);
  }

  async release(tasks: ClaimedTask[], routerId: string): Promise<void> {
    if (tasks.length === 0) return;
    await this.sql.query(RELEASE, [tasks.map((t) => t.id), routerId, tasks.map((t) => t.attempts)]);
  }

  async extendLeases(taskIds: number[], lease: Lease): Promise<void> {
    if (taskIds.length === 0) return;
    await this.sql.query(EXTEND, [taskIds, lease.routerId, lease.leaseMs]);
  }

  async retryFailed(taskId: number, notify: boolean): Promise<RetryOutcome> {
    const r = await this.sql.query(RETRY_FAILED, [taskId]);
    if (r.rows.length === 1) {
      if (notify) await this.sql.query(`SELECT pg_notify('${TASK_CHANNEL}', $1)`, [String(taskId)]);
      return 'retried';
    }
    const found = await this.sql.query('SELECT 1 FROM execution_tasks WHERE id = $1', [taskId]);
    return found.rows.length === 0 ? 'not_found' : 'not_failed';
  }

  /** ANALYZE in the background, at most every 30 s per process; it reads a bounded sample, never blocks writes. */
  private refreshStatistics(): void {
    const now = performance.now();
    if (now - this.lastAnalyze < ANALYZE_EVERY_MS) return;
    this.lastAnalyze = now;
    this.sql
      .query('ANALYZE execution_tasks', [])
      .catch((e: Error) => this.log.warn(`ANALYZE execution_tasks failed: ${e.message}`));
  }
}

interface Completion {
  id: number;
  routerId: string;
  attempts: number;
  result: TaskResult;
}

function clip(error: string): string {
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error;
}
