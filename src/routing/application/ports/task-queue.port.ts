import type { AlertKey } from '../../domain/alert-dedupe';
import type { Signal } from '../../domain/signal';
import type { TaskResult } from '../../domain/task-result';

export interface EnqueueOptions {
  /** The alert's key: a repeat of an alert with this key, accepted within `dedupeWindowS`, is not queued. */
  key: AlertKey;
  dedupeWindowS: number;
  /** NOTIFY the routers of a task left PENDING (ROUTER_NOTIFY). */
  notify: boolean;
  /**
   * Lease the new task to this router in the same statement (the hand-off): it is PROCESSING when the
   * insert commits, and the caller runs it without a claim. Left PENDING instead (and announced) when an
   * earlier task of the same trade is unfinished, as a claim would have left it.
   */
  leaseTo: Lease | null;
}

export interface EnqueueOutcome {
  taskId: number;
  duplicate: boolean;
  /** The new task, leased to `leaseTo`'s router; null when it was left PENDING (or was a duplicate). */
  claimed: ClaimedTask | null;
}

export interface Completion {
  /** False when the lease was lost: another router owns the task now, and the result was discarded. */
  completed: boolean;
  /** The trade's other event is PENDING: it waited for this task, and is due now. */
  unblocked: boolean;
}

/** A task leased to one router: `attempts` (after this claim) is also the fencing token of the lease. */
export interface ClaimedTask {
  id: number;
  signal: Signal;
  attempts: number;
  createdAt: Date;
}

export interface Lease {
  routerId: string;
  leaseMs: number;
}

export type RetryOutcome = 'retried' | 'not_found' | 'not_failed';

/**
 * The durable task queue (`execution_tasks` + `execution_logs`). Every method is one statement, so
 * each state change is atomic; a method that finds its lease gone (another router took the task after
 * it expired) changes nothing and says so.
 */
export abstract class TaskQueue {
  /**
   * Inserts (leased, or PENDING and announced) unless the alert is a repeat (isRepeat: its key taken within
   * the window, by this process or another); committed when it returns. A repeat names the task of the alert
   * it repeats.
   */
  abstract enqueue(signal: Signal, options: EnqueueOptions): Promise<EnqueueOutcome>;
  /** Leases up to `limit` due tasks (pending, or processing with an expired lease), oldest first. */
  abstract claim(lease: Lease, limit: number): Promise<ClaimedTask[]>;
  /** Writes the result and marks the task COMPLETED, in one transaction. */
  abstract complete(task: ClaimedTask, routerId: string, result: TaskResult): Promise<Completion>;
  /** Back to PENDING, due after `delayMs`. */
  abstract retryLater(task: ClaimedTask, routerId: string, error: string, delayMs: number): Promise<void>;
  abstract fail(task: ClaimedTask, routerId: string, error: string): Promise<void>;
  /** Returns claimed but unstarted tasks to the queue, as if never claimed. */
  abstract release(tasks: ClaimedTask[], routerId: string): Promise<void>;
  abstract extendLeases(taskIds: number[], lease: Lease): Promise<void>;
  /** FAILED → PENDING with fresh attempts (operator action). */
  abstract retryFailed(taskId: number, notify: boolean): Promise<RetryOutcome>;
}
