import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { routingConfig, RoutingConfig } from '../routing.config';
import { TaskNotifications } from './ports/task-notifications.port';
import { ClaimedTask, Lease, TaskQueue } from './ports/task-queue.port';
import { TaskRunner } from './task-runner';

export const ROUTER_POLL_INTERVAL = 'routing.router-poll';

/**
 * The router loop (seed ExecutionRouter): wakes on its interval and on every NOTIFY, claims due tasks in
 * batches (again at once while batches come back full), and runs each batch's tasks concurrently. One
 * drain at a time per process: a wake-up during a drain only asks it to claim once more.
 */
@Injectable()
export class RouterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('RouterService');
  private readonly lease: Lease;
  private readonly inFlight = new Set<number>();
  private draining: Promise<void> | null = null;
  private wokenDuringDrain = false;
  private stopping = false;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: TaskQueue,
    private readonly runner: TaskRunner,
    private readonly notifications: TaskNotifications,
    private readonly scheduler: SchedulerRegistry,
    @Inject(routingConfig.KEY) private readonly config: RoutingConfig,
  ) {
    this.lease = { routerId: config.routerId, leaseMs: config.leaseMs };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.routerEnabled) return;
    this.scheduler.addInterval(
      ROUTER_POLL_INTERVAL,
      setInterval(() => this.wake(), this.config.pollIntervalMs),
    );
    // Not in the SchedulerRegistry: it must outlive the schedule module's shutdown while in-flight tasks finish.
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.floor(this.config.leaseMs / 3));
    if (this.config.notify) await this.notifications.listen(() => this.wake());
    this.log.log(`Router ${this.config.routerId} started (dry run: ${this.config.dryRun})`);
    this.wake();
  }

  /** Stop claiming, let in-flight tasks finish, hand back what was claimed but not started. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.scheduler.doesExist('interval', ROUTER_POLL_INTERVAL))
      this.scheduler.deleteInterval(ROUTER_POLL_INTERVAL);
    await this.notifications.close();
    await this.draining;
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  wake(): void {
    if (this.stopping) return;
    if (this.draining) {
      this.wokenDuringDrain = true;
      return;
    }
    this.draining = this.drain().finally(() => (this.draining = null));
  }

  private async drain(): Promise<void> {
    let again: boolean;
    do {
      this.wokenDuringDrain = false;
      const full = await this.tick();
      again = (full || this.wokenDuringDrain) && !this.stopping;
    } while (again);
  }

  /** One batch: claim, run every task, wait for all. True when the batch was full (more may be due). */
  private async tick(): Promise<boolean> {
    let tasks: ClaimedTask[];
    try {
      tasks = await this.queue.claim(this.lease, this.config.batchSize);
    } catch (err) {
      this.log.error(`Claim failed: ${(err as Error).message}`);
      return false;
    }
    if (this.stopping) {
      await this.queue
        .release(tasks, this.lease.routerId)
        .catch((e: Error) => this.log.error(`Release failed: ${e.message}`));
      return false;
    }
    for (const t of tasks) this.inFlight.add(t.id);
    await Promise.all(tasks.map((t) => this.runner.run(t).finally(() => this.inFlight.delete(t.id))));
    return tasks.length === this.config.batchSize;
  }

  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await this.queue
      .extendLeases([...this.inFlight], this.lease)
      .catch((e: Error) => this.log.error(`Lease renewal failed: ${e.message}`));
  }
}
