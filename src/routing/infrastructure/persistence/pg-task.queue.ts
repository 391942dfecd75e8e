import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { Signal } from '../../domain/signal';
import type { AlertKey } from '../../domain/alert-dedupe';
import type { TaskResult } from '../../domain/task-result';
import {
  ClaimedTask,
  Completion,
  EnqueueOptions,
  EnqueueOutcome,
  Lease,
  RetryOutcome,
  TaskQueue,
} from '../../application/ports/task-queue.port';
import { Coalesced } from '../../application/coalesce';
import { AlertKeyPurge, keyColumns } from './alert-keys';
import { PgSql } from '../../../platform/database/pg-sql';
import {
  ANNOUNCE,
  CLAIM,
  REPEATED,
  COMPLETE_MANY,
  EXTEND,
  FAIL,
  INSERT_MANY,
  RELEASE,
  RETRY_FAILED,
  RETRY_LATER,
  TASK_CHANNEL,
} from './task-queue.sql';

const MAX_ERROR_LENGTH = 2000;

/**
 * A claim slower than this means the planner is working from missing or stale statistics (a queue filled
 * in a burst, before autovacuum's next look): the claim then sorts every open task instead of walking the
 * open-task index, and each claim costs tens of milliseconds. The queue analyzes its table itself then, but
 * only after a claim that found tasks: statistics of an empty queue make every later plan expect none.
 */
const SLOW_CLAIM_MS = 20;
const ANALYZE_EVERY_MS = 30_000;

/** The task queue on Postgres: every operation is one statement. */
@Injectable()
export class PgTaskQueue extends TaskQueue {
  private readonly log = new Logger('PgTaskQueue');
  private lastAnalyze = -Infinity;
  private readonly completions = new Coalesced<CompletionRow, Completion>((c) => this.completeMany(c));
  private readonly inserts = new Coalesced<Insert, Inserted>((i) => this.insertMany(i));
  private readonly keys: AlertKeyPurge;
  /** One announcement in flight at a time; tasks queued meanwhile are announced by one more after it. */
  private announcing = false;
  /** The newest task id not announced yet; 0 when none waits. */
  private toAnnounce = 0;

  constructor(private readonly sql: PgSql) {
    super();
    this.keys = new AlertKeyPurge(sql, this.log);
  }

  async enqueue(signal: Signal, options: EnqueueOptions): Promise<EnqueueOutcome> {
    const { key, leaseTo: lease, dedupeWindowS: windowS, notify } = options;
    const [inserted] = await this.inserts.call([{ signal, key, lease, windowS, notify }]);
    this.keys.purgeNowAndThen(options.dedupeWindowS);
    if (inserted.repeats !== null) return { taskId: inserted.repeats, duplicate: true, claimed: null };
    const claimed = inserted.leased
      ? { id: inserted.id, signal, attempts: 1, createdAt: inserted.createdAt }
      : null;
    return { taskId: inserted.id, duplicate: false, claimed };
  }

  /** The new task per signal, in order; for a repeat (isRepeat) the task of the alert it repeats. */
  private async insertMany(inserts: Insert[]): Promise<Inserted[]> {
    const lease = inserts.find((i) => i.lease)?.lease ?? null;
    // Two tasks of one trade id in one statement: neither is handed off, the claim orders them.
    const trades = new Map<string, number>();
    for (const { signal } of inserts) trades.set(signal.trade_id, (trades.get(signal.trade_id) ?? 0) + 1);
    const rows = inserts.map(({ signal: s, key, lease: l }, ord) => ({
      ord,
      trade_id: s.trade_id,
      payload: s,
      lease: l !== null && l.routerId === lease?.routerId && trades.get(s.trade_id) === 1,
      ...keyColumns(key),
      scope: key.scope,
    }));
    // one window per process (its setting); the shortest, should callers ever differ
    const windowS = Math.min(...inserts.map((i) => i.windowS));
    const r = await this.sql.prepared<{ ord: number; id: string; leased: boolean; created_at: Date }>(
      'enqueue',
      INSERT_MANY,
      [JSON.stringify(rows), lease?.routerId ?? null, lease?.leaseMs ?? 0, windowS],
    );
    const found = new Map(r.rows.map((row) => [row.ord, row]));
    this.announceNew(inserts, r.rows);
    const repeats = rows.filter((row) => !found.has(row.ord));
    const repeated = repeats.length === 0 ? new Map<number, number>() : await this.repeated(repeats);
    return rows.map(({ ord, trade_id, event_type }) => {
      const row = found.get(ord);
      if (row) return { id: Number(row.id), leased: row.leased, createdAt: row.created_at, repeats: null };
      const taskId = repeated.get(ord);
      if (taskId === undefined)
        throw new Error(`Task ${trade_id}/${event_type} is a repeat but its key cannot be found`);
      return { id: taskId, leased: false, createdAt: new Date(0), repeats: taskId };
    });
  }

  /** One announcement per statement at most (the newest task left PENDING), not one per signal in it. */
  private announceNew(inserts: Insert[], rows: { ord: number; id: string; leased: boolean }[]): void {
    const ids = rows.filter((r) => !r.leased && inserts[r.ord].notify).map((r) => Number(r.id));
    if (ids.length > 0) this.announce(Math.max(...ids));
  }

  private async repeated(rows: { ord: number }[]): Promise<Map<number, number>> {
    const r = await this.sql.query<{ ord: number; task_id: string }>(REPEATED, [JSON.stringify(rows)]);
    return new Map(r.rows.map((row) => [row.ord, Number(row.task_id)]));
  }

  /**
   * Wakes the routers for a task left PENDING (committed already). Never awaited by the intake and never
   * throws: a lost announcement leaves the task to the routers' interval, as a dropped LISTEN would.
   */
  private announce(taskId: number): void {
    this.toAnnounce = Math.max(this.toAnnounce, taskId);
    if (this.announcing) return;
    const newest = this.toAnnounce;
    this.toAnnounce = 0;
    this.announcing = true;
    this.sql
      .prepared('announce', ANNOUNCE, [String(newest)])
      .catch((e: Error) => this.log.warn(`NOTIFY ${TASK_CHANNEL} failed: ${e.message}`))
      .finally(() => {
        this.announcing = false;
        if (this.toAnnounce > 0) this.announce(this.toAnnounce);
      });
  }

  async claim(lease: Lease, limit: number): Promise<ClaimedTask[]> {
    const started = performance.now();
    // Planned on every call, never a prepared statement's generic plan: Postgres settles on one after five
    // calls, so a router started on an empty queue kept the plan of an empty table (a sort of every open task
    // behind a nested loop over all of them) for the burst that followed — 20,000 queued tasks made one claim
    // run for minutes and the router stood still. Planning costs ~0.3 ms per claim (one claim per batch).
    const r = await this.sql.query<{ id: string; payload: Signal; attempts: number; created_at: Date }>(
      CLAIM,
      [lease.routerId, lease.leaseMs, limit],
    );
    if (r.rows.length > 0 && performance.now() - started > SLOW_CLAIM_MS) this.refreshStatistics();
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
  async complete(task: ClaimedTask, routerId: string, result: TaskResult): Promise<Completion> {
    const [done] = await this.completions.call([{ id: task.id, routerId, attempts: task.attempts, result }]);
    return done;
  }

  private async completeMany(items: CompletionRow[]): Promise<Completion[]> {
    const rows = items.map((i) => ({
      id: i.id,
      locked_by: i.routerId,
      attempts: i.attempts,
      body: i.result,
    }));
    const r = await this.sql.prepared<{ id: string; unblocked: boolean }>('complete', COMPLETE_MANY, [
      JSON.stringify(rows),
    ]);
    const done = new Map(r.rows.map((row) => [Number(row.id), row.unblocked]));
    return items.map((i) => ({ completed: done.has(i.id), unblocked: done.get(i.id) ?? false }));
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
      if (notify) await this.sql.prepared('announce', ANNOUNCE, [String(taskId)]);
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

interface CompletionRow {
  id: number;
  routerId: string;
  attempts: number;
  result: TaskResult;
}

interface Insert {
  signal: Signal;
  key: AlertKey;
  lease: Lease | null;
  windowS: number;
  /** Announce the new task to the routers (NOTIFY) when it is left PENDING. */
  notify: boolean;
}

interface Inserted {
  id: number;
  leased: boolean;
  createdAt: Date;
  /** The task of the alert this one repeats; null for a new task. */
  repeats: number | null;
}

function clip(error: string): string {
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error;
}
