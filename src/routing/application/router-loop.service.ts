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
import { ClaimedAhead } from './claimed-ahead';
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
 *
 * Claim-ahead (issue 20): while a backlog drains, the next batch is claimed as soon as the current one has
 * started. The batch waits, leased
 * (its leases renewed), until the running batch has freed its slots, and then starts as one: Postgres claims
 * and reads batch n + 1 and writes batch n − 1's completions while this process decides batch n, instead
 * of each waiting for the other. At most one batch is held ahead; on shutdown it is released unstarted.
 */
@Injectable()
export class RouterLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('RouterLoop');
  private readonly lease: Lease;
  /** Tasks holding a slot: deciding (targets, sizing, risk, recording their orders). */
  private readonly inFlight = new Set<number>();
  /** Tasks leased here until they complete, slot or not (waiting on platforms): their leases are renewed. */
  private readonly leased = new Set<number>();
  /** Claimed ahead, their reads started, waiting for slots (claim-ahead). */
  private readonly ahead: ClaimedAhead;
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
    this.ahead = new ClaimedAhead(() => this.aheadExpired());
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
    await this.giveBack(this.ahead.take());
    await Promise.all([...this.running]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.ahead.stop();
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
    if (!this.started || this.stopping || !this.config.handoff || this.backlog || this.ahead.size > 0)
      return null;
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
    let full = false;
    do {
      this.wokenDuringDrain = false;
      // a claim that came back full: a burst is draining, claim the next batch ahead of the running one
      full = await this.tick(full);
      again = (full || this.wokenDuringDrain) && !this.stopping;
    } while (again);
  }

  /**
   * Starts the batch claimed ahead if it fits; then, with nothing held ahead, claims as many tasks as there
   * are free slots and starts them — or, while a burst drains (the last claim came back full, or the batch
   * claimed ahead has just started), a whole batch ahead of the running one. True when the claim got all it
   * asked for.
   */
  private async tick(burst: boolean): Promise<boolean> {
    const startedAhead = this.startReady();
    const { batchSize } = this.config;
    const free = batchSize - this.inFlight.size - this.reserved;
    const want = burst || startedAhead ? Math.min(batchSize, batchSize + free) : free;
    // one batch ahead at most: the next claim waits until the one held has started
    if (this.ahead.size > 0 || want <= 0) {
      this.backlog = true;
      return false;
    }
    let tasks: ClaimedTask[];
    try {
      tasks = await this.queue.claim(this.lease, want);
    } catch (err) {
      this.log.error(`Claim failed: ${(err as Error).message}`);
      this.backlog = true;
      return false;
    }
    // fewer than asked for: nothing else was due when the claim ran
    this.backlog = tasks.length === want;
    if (this.stopping) {
      await this.giveBack(tasks);
      return false;
    }
    for (const task of tasks) this.leased.add(task.id);
    this.ahead.hold(tasks);
    this.startReady();
    return this.backlog;
  }

  /** Starts the tasks claimed ahead if there is a slot for each (a batch starts as one). True if it did. */
  private startReady(): boolean {
    if (this.ahead.size === 0 || !this.fits()) return false;
    for (const task of this.ahead.take()) this.start(task);
    return true;
  }

  /** The batch claimed ahead waited AHEAD_WAIT_MS for its slots: what fits starts, the rest is released. */
  private aheadExpired(): void {
    if (this.stopping) return;
    const free = Math.max(0, this.config.batchSize - this.inFlight.size - this.reserved);
    for (const task of this.ahead.take(free)) this.start(task);
    void this.giveBack(this.ahead.take());
  }

  /** Claimed tasks never started go back to the queue, as if never claimed. */
  private async giveBack(tasks: ClaimedTask[]): Promise<void> {
    if (tasks.length === 0) return;
    for (const { id } of tasks) this.leased.delete(id);
    await this.queue
      .release(tasks, this.lease.routerId)
      .catch((e: Error) => this.log.error(`Release failed: ${e.message}`));
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
      // claim in batches, not one query per finished task: when half the slots are free, or start the
      // batch claimed ahead once it fits. A batch's completions are answered together (one statement), so
      // look once they have all been counted.
      if (this.ahead.size > 0 ? this.fits() : this.backlog && this.inFlight.size <= this.config.batchSize / 2)
        this.wakeSoon();
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

  /** The batch claimed ahead has a slot for each of its tasks. */
  private fits = (): boolean => this.config.batchSize - this.inFlight.size - this.reserved >= this.ahead.size;

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
