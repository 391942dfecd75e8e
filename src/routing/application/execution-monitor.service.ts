import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import {
  ExecutionReadModel,
  OrderFilter,
  OrderView,
  Page,
  SignalFeedFilter,
  SignalFeedPage,
  TaskDetailView,
  TaskFilter,
  TaskView,
} from './ports/execution-read-model.port';
import { TaskQueue } from './ports/task-queue.port';
import { OrderRetryStore } from './ports/order-retry.store.port';
import { Metrics } from '../../platform/metrics/metrics';
import { OrderRedriver } from './order-redriver.service';

/** The monitoring API's use cases: read tasks and orders, and send a FAILED task round again. */
@Injectable()
export class ExecutionMonitor {
  constructor(
    private readonly reads: ExecutionReadModel,
    private readonly queue: TaskQueue,
    private readonly retries: OrderRetryStore,
    private readonly redriver: OrderRedriver,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    metrics: Metrics,
  ) {
    metrics.onCollect(async () => {
      const stats = await this.reads.queueStats();
      metrics.queueDepth.set(stats.pending);
      metrics.queueOldestSeconds.set(stats.oldestPendingSeconds);
    });
  }

  listTasks(filter: TaskFilter): Promise<Page<TaskView>> {
    return this.reads.listTasks(filter);
  }

  async getTask(id: number): Promise<TaskDetailView> {
    const task = await this.reads.findTask(id);
    if (!task) throw AppError.notFound(`Task ${id}`);
    return task;
  }

  signalFeed(filter: SignalFeedFilter): Promise<SignalFeedPage> {
    return this.reads.signalFeed(filter);
  }

  /** A task with its orders (every one: an alert fans out to at most a few hundred accounts). */
  async getSignal(id: number): Promise<{ task: TaskDetailView; orders: OrderView[] }> {
    const task = await this.getTask(id);
    const orders = await this.reads.listOrders({ taskId: id, limit: 1000, offset: 0 });
    return { task, orders: orders.items };
  }

  listOrders(filter: OrderFilter): Promise<Page<OrderView>> {
    return this.reads.listOrders(filter);
  }

  async retry(id: number): Promise<TaskDetailView> {
    const outcome = await this.queue.retryFailed(id, this.config.notify);
    if (outcome === 'not_found') throw AppError.notFound(`Task ${id}`);
    if (outcome === 'not_failed') {
      const redriven = await this.retries.redriveTask(id);
      if (redriven === 0)
        throw AppError.conflict(
          `Task ${id} has nothing to retry: it is not FAILED and none of its orders is FAILED or RETRY`,
        );
      this.redriver.wake();
    }
    return this.getTask(id);
  }
}
