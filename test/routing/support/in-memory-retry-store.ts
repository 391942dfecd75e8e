import type { OrderOutcome } from '../../../src/routing/application/ports/order-store.port';
import { OrderRetryStore, RetryOrder } from '../../../src/routing/application/ports/order-retry.store.port';
import type { TaskResult } from '../../../src/routing/domain/task-result';

/** Records what the executor schedules for a re-drive; claims nothing (unit tests of the pipeline). */
export class InMemoryRetryStore extends OrderRetryStore {
  readonly scheduled: { ids: string[]; delayMs: number }[] = [];

  async scheduleRetry(ids: string[], delayMs: number): Promise<void> {
    this.scheduled.push({ ids, delayMs });
  }

  async claimRetries(): Promise<RetryOrder[]> {
    return [];
  }

  async settleRetry(
    _o: RetryOrder,
    _x: OrderOutcome,
    _d: number | null,
    _u: (r: TaskResult) => TaskResult,
  ): Promise<void> {}

  async redriveTask(): Promise<number> {
    return 0;
  }
}
