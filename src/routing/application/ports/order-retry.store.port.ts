import type { EventType } from '../../domain/signal';
import type { TaskResult } from '../../domain/task-result';
import type { OrderOutcome } from './order-store.port';

/** An order claimed for a re-drive. */
export interface RetryOrder {
  clientOrderId: string;
  /** Null for a close of an account flatten (`flattenId`): no task result to keep in step. */
  taskId: number | null;
  flattenId: number | null;
  accountId: number;
  accountLabel: string;
  firmCode: string;
  eventType: EventType;
  symbol: string;
  /** Re-drive rounds already spent (the first send's round included). */
  attempts: number;
  /** The order as first built (NormalizedOrder for an entry, ExitRequest for an exit). */
  request: unknown;
}

/**
 * Orders left RETRY after their in-call retries, re-driven later (OrderRedriver): the `orders` rows with a
 * due time and a lease, and their task's result, kept in step with each re-drive.
 */
export abstract class OrderRetryStore {
  /** Orders left RETRY: due again after `delayMs`, `attempts` send rounds spent so far. */
  abstract scheduleRetry(clientOrderIds: string[], delayMs: number): Promise<void>;
  /**
   * Leases up to `limit` RETRY orders that are due (their task, or their flatten, done), for `leaseMs`: each comes back with
   * what a re-drive needs. Several processes may share the table (SKIP LOCKED). `platforms`: only the orders
   * of accounts on these platforms (dry run: the simulated ones); null = every order.
   */
  abstract claimRetries(
    routerId: string,
    leaseMs: number,
    limit: number,
    platforms: readonly string[] | null,
  ): Promise<RetryOrder[]>;
  /**
   * Records a re-driven order's outcome and, in the same transaction, its task's result (connector result
   * replaced, outcome recomputed by `update`; a flatten's close has none). `nextDelayMs` null = settled.
   */
  abstract settleRetry(
    order: RetryOrder,
    outcome: OrderOutcome,
    nextDelayMs: number | null,
    update: (result: TaskResult) => TaskResult,
  ): Promise<void>;
  /** The operator's retry: the task's FAILED and RETRY orders due again now; how many there were. */
  abstract redriveTask(taskId: number): Promise<number>;
}
