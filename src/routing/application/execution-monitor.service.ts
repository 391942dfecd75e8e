import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import {
  ExecutionReadModel,
  OrderFilter,
  OrderView,
  Page,
  TaskDetailView,
  TaskFilter,
  TaskView,
} from './ports/execution-read-model.port';
import { TaskQueue } from './ports/task-queue.port';

/** The monitoring API's use cases: read tasks and orders, and send a FAILED task round again. */
@Injectable()
export class ExecutionMonitor {
  constructor(
    private readonly reads: ExecutionReadModel,
    private readonly queue: TaskQueue,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
  ) {}

  listTasks(filter: TaskFilter): Promise<Page<TaskView>> {
    return this.reads.listTasks(filter);
  }

  async getTask(id: number): Promise<TaskDetailView> {
    const task = await this.reads.findTask(id);
    if (!task) throw AppError.notFound(`Task ${id}`);
    return task;
  }

  listOrders(filter: OrderFilter): Promise<Page<OrderView>> {
    return this.reads.listOrders(filter);
  }

  async retry(id: number): Promise<TaskDetailView> {
    const outcome = await this.queue.retryFailed(id, this.config.notify);
    if (outcome === 'not_found') throw AppError.notFound(`Task ${id}`);
    if (outcome === 'not_failed')
      throw AppError.conflict(`Task ${id} is not FAILED; only a FAILED task can be retried`);
    return this.getTask(id);
  }
}
