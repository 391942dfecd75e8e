import { Inject, Injectable, Logger } from '@nestjs/common';
import { LiveEvents } from '../../platform/live/live-events';
import { Metrics } from '../../platform/metrics/metrics';
import { StageTrace } from '../../platform/metrics/stage-trace';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import { ClaimedTask, TaskQueue } from './ports/task-queue.port';
import { PreparedRoute, TaskPipeline } from './task-pipeline';

const MAX_BACKOFF_MS = 60_000;

/** Backoff before attempt n + 1 after an internal error in attempt n: 1 s, 2 s, 4 s, … up to 60 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/**
 * Runs one claimed task to its end state: COMPLETED with its result, or — after an internal error —
 * PENDING again with a backoff, or FAILED once its attempts are spent. Never throws. Answers the backoff
 * when the task is due again, so that the router wakes for it instead of waiting for its interval, and
 * whether a task of the same trade may be due now that this one is done.
 */
@Injectable()
export class TaskRunner {
  private readonly log = new Logger('TaskRunner');

  constructor(
    private readonly queue: TaskQueue,
    private readonly pipeline: TaskPipeline,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    private readonly metrics: Metrics,
    private readonly live: LiveEvents,
    private readonly trace: StageTrace,
  ) {}

  /**
   * `onDecided`: the task's orders are recorded and only the platforms' answers are awaited (called at the
   * latest when the run ends). `unblocked`: the task's trade has its other event waiting for this one.
   */
  async run(
    task: ClaimedTask,
    prepared: PreparedRoute | null = null,
    onDecided: () => void = () => {},
  ): Promise<{ dueAgainInMs: number | null; unblocked: boolean }> {
    try {
      if (task.attempts > this.config.maxAttempts) {
        await this.exhausted(task);
        return { dueAgainInMs: null, unblocked: true };
      }
      const result = await this.pipeline.route(task, prepared, onDecided);
      const { completed, unblocked } = await this.queue.complete(task, this.config.routerId, result);
      this.trace.mark(task.id, 'completed');
      if (!completed) this.log.warn(`Task ${task.id}: lease lost before completion, result discarded`);
      else {
        this.metrics.tasks.inc({ outcome: result.outcome });
        this.updated(task, 'COMPLETED', result.outcome, null);
      }
      return { dueAgainInMs: null, unblocked };
    } catch (err) {
      const dueAgainInMs = await this.failed(task, err);
      // a task marked FAILED no longer holds back its trade's other event
      return { dueAgainInMs, unblocked: dueAgainInMs === null };
    }
  }

  private updated(task: ClaimedTask, status: string, outcome: string | null, error: string | null): void {
    const data = { task_id: task.id, trade_id: task.signal.trade_id, status, outcome, error };
    this.live.publish('task.updated', data, `task:${task.id}`);
  }

  /** Claimed again after its lease expired once too often: the router died or hung while processing it. */
  private exhausted(task: ClaimedTask): Promise<void> {
    const attempts = task.attempts - 1;
    this.log.error(`Task ${task.id}: attempts exhausted (${attempts}), marked FAILED`);
    const error = `Attempts exhausted (${attempts} of ${this.config.maxAttempts}): the lease expired while processing`;
    return this.queue
      .fail(task, this.config.routerId, error)
      .then(() => this.updated(task, 'FAILED', null, error));
  }

  private async failed(task: ClaimedTask, err: unknown): Promise<number | null> {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const last = task.attempts >= this.config.maxAttempts;
    this.log.error(
      `Task ${task.id} attempt ${task.attempts} failed${last ? ', marked FAILED' : ''}: ${message}`,
    );
    try {
      if (last) {
        await this.queue.fail(task, this.config.routerId, message);
        this.updated(task, 'FAILED', null, message);
        return null;
      }
      const delayMs = retryDelayMs(task.attempts);
      await this.queue.retryLater(task, this.config.routerId, message, delayMs);
      return delayMs;
    } catch (e) {
      // the database is likely gone too: the lease will expire and the task be claimed again
      this.log.error(`Task ${task.id}: could not record the failure: ${(e as Error).message}`);
      return null;
    }
  }
}
