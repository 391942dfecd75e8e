import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { StageTrace } from '../../platform/metrics/stage-trace';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import { TaskNotifications } from './ports/task-notifications.port';
import { ClaimedTask, Lease, TaskQueue } from './ports/task-queue.port';
import type { PreparedRoute } from './task-pipeline';
import { TaskRunner } from './task-runner';

export const ROUTER_POLL_INTERVAL = 'routing.router-poll';

/**
 * The router loop (seed ExecutionRouter): wakes on its interval and on every NOTIFY, claims due tasks in
 * batches (again at once while batches come back full), and runs up to ROUTER_BATCH_SIZE tasks at once.
 * A slow task (a platform timing out) holds only its own slot: when half the slots are free again the
 * router claims more, so one failing firm never delays the orders of the tasks queued behind it. One
 * drain at a time per process: a wake-up during a drain only asks it to claim once more.
 *
 * The hand-off (ROUTER_HANDOFF): a signal accepted by this process's webhook takes one of the free slots
 * before its insert (`offer`), is inserted already leased to this router, and starts when the insert has
 * committed (`adopt`), with no NOTIFY and no claim on its way. A finished task asks for a claim only when
 * something may be waiting (the backlog): a claim came back full, a wake-up found no free slot, or the
 * task's trade has its other event waiting for it (an exit queued behind its entry). While there is a
 * backlog nothing is handed off: new signals queue behind the waiting tasks, claimed in order and in
 * batches, so that a burst costs one claim, one risk read and one completion per batch, not per task.
 */
@Injectable()
export class RouterLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('RouterLoop');
  private readonly lease: Lease;
  /** Tasks holding a slot: deciding (targets, sizing, risk, recording their orders). */
  private readonly inFlight = new Set<number>();
  /** Tasks leased here until they complete, slot or not (waiting on platforms): their leases are renewed. */
  private readonly leased = new Set<number>();
  private readonly running = new Set<Promise<void>>();
  private draining: Promise<void> | null = null;
  private wokenDuringDrain = false;
  private wakeQueued = false;
  /** Tasks may be due that no claim has looked for yet. */
  private backlog = false;
  /** Slots promised to inserts still in flight (offer → adopt). */
  private reserved = 0;
  private reservationsSettled: (() => void) | null = null;
  private started = false;
  private stopping = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly retryWakeups = new Set<NodeJS.Timeout>();

  constructor(
    private readonly queue: TaskQueue,
    private readonly runner: TaskRunner,
    private readonly notifications: TaskNotifications,
    private readonly scheduler: SchedulerRegistry,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    private readonly trace: StageTrace,
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
    this.started = true;
    this.log.log(`Router ${this.config.routerId} started (dry run: ${this.config.dryRun})`);
    this.wake();
  }

  /** Stop claiming, let in-flight tasks finish, hand back what was claimed but not started. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.scheduler.doesExist('interval', ROUTER_POLL_INTERVAL))
      this.scheduler.deleteInterval(ROUTER_POLL_INTERVAL);
    await this.notifications.close();
    if (this.reserved > 0) await new Promise<void>((resolve) => (this.reservationsSettled = resolve));
    await this.draining;
    await Promise.all([...this.running]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const timer of this.retryWakeups) clearTimeout(timer);
    this.retryWakeups.clear();
  }

  /**
   * A slot for a signal about to be inserted: the lease to insert it under, or null (no free slot, not
   * running, or the hand-off is off), and the insert then leaves it PENDING for a claim. Every lease
   * offered must be answered by exactly one `adopt`.
   */
  offer(): Lease | null {
    // behind (tasks waiting in the queue): new signals queue up behind them, claimed in order and in batches
    if (!this.started || this.stopping || !this.config.handoff || this.backlog) return null;
    if (this.inFlight.size + this.reserved >= this.config.batchSize) return null;
    this.reserved++;
    return this.lease;
  }

  /**
   * The end of an offer: the task inserted under its lease, to run now (with what was read for it
   * meanwhile); null gives the slot back.
   */
  adopt(task: ClaimedTask | null, prepared: PreparedRoute | null = null): void {
    this.reserved--;
    if (task) this.start(task, prepared);
    if (this.reserved === 0) this.reservationsSettled?.();
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

  /** Claims as many tasks as there are free slots and starts them. True when it got all it asked for. */
  private async tick(): Promise<boolean> {
    const free = this.config.batchSize - this.inFlight.size - this.reserved;
    if (free <= 0) {
      this.backlog = true;
      return false;
    }
    let tasks: ClaimedTask[];
    try {
      tasks = await this.queue.claim(this.lease, free);
    } catch (err) {
      this.log.error(`Claim failed: ${(err as Error).message}`);
      this.backlog = true;
      return false;
    }
    // fewer than asked for: nothing else was due when the claim ran
    this.backlog = tasks.length === free;
    if (this.stopping) {
      await this.queue
        .release(tasks, this.lease.routerId)
        .catch((e: Error) => this.log.error(`Release failed: ${e.message}`));
      return false;
    }
    for (const t of tasks) this.start(t);
    return this.backlog;
  }

  /**
   * Runs a task in a slot until its orders are recorded; then the slot is free for the next task while this
   * one waits on its platforms (its lease still renewed), so one hanging platform never holds the router.
   */
  private start(task: ClaimedTask, prepared: PreparedRoute | null = null): void {
    this.trace.mark(task.id, 'started');
    this.inFlight.add(task.id);
    this.leased.add(task.id);
    let freed = false;
    const free = () => {
      if (freed) return;
      freed = true;
      this.inFlight.delete(task.id);
      // claim in batches, not one query per finished task: when half the slots are free. A batch's
      // completions are answered together (one statement), so look once they have all been counted.
      if (this.backlog && this.inFlight.size <= this.config.batchSize / 2) this.wakeSoon();
    };
    const run: Promise<void> = this.runner
      .run(task, prepared, free)
      .then(({ dueAgainInMs, unblocked }) => {
        if (dueAgainInMs !== null) this.wakeIn(dueAgainInMs);
        if (unblocked) {
          this.backlog = true;
          this.wakeSoon();
        }
      })
      .catch((e: Error) => this.log.error(`Task ${task.id}: ${e.message}`))
      .finally(() => {
        prepared?.release(); // released by its decision; here whatever path the run took
        this.leased.delete(task.id);
        this.running.delete(run);
        free();
      });
    this.running.add(run);
  }

  /** wake() after the callbacks queued in this turn (the rest of a batch finishing) have run. */
  private wakeSoon(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.wake();
    });
  }

  /** A task put back with a backoff is due again at a time the interval knows nothing of: look for it then. */
  private wakeIn(delayMs: number): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.retryWakeups.delete(timer);
      this.wake();
    }, delayMs);
    timer.unref();
    this.retryWakeups.add(timer);
  }

  private async renewLeases(): Promise<void> {
    if (this.leased.size === 0) return;
    await this.queue
      .extendLeases([...this.leased], this.lease)
      .catch((e: Error) => this.log.error(`Lease renewal failed: ${e.message}`));
  }
}
