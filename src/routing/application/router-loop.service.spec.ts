import { SchedulerRegistry } from '@nestjs/schedule';
import { StageTrace } from '../../platform/metrics/stage-trace';
import { aSignal, testSettings } from '../../../test/routing/support/routing-settings';
import { TaskNotifications } from './ports/task-notifications.port';
import { ClaimedTask, Completion, Lease, TaskQueue } from './ports/task-queue.port';
import { RouterLoop } from './router-loop.service';
import type { PreparedRoute } from './task-pipeline';
import type { TaskRunner } from './task-runner';

/** A queue of `due` tasks: each claim takes the oldest, up to its limit; releases put them back. */
class ScriptedQueue extends TaskQueue {
  readonly claims: { limit: number; got: number[] }[] = [];
  readonly released: number[][] = [];
  private next = 1;
  constructor(private due: number) {
    super();
  }
  enqueue(): never {
    throw new Error('not used');
  }
  async claim(_lease: Lease, limit: number): Promise<ClaimedTask[]> {
    const n = Math.min(limit, this.due);
    this.due -= n;
    const got = Array.from({ length: n }, () => this.next++);
    this.claims.push({ limit, got });
    return got.map((id) => ({
      id,
      signal: aSignal({ trade_id: `t-${id}` }),
      attempts: 1,
      createdAt: new Date(),
    }));
  }
  async complete(): Promise<Completion> {
    return { completed: true, unblocked: false };
  }
  async retryLater(): Promise<void> {}
  async fail(): Promise<void> {}
  async release(tasks: ClaimedTask[]): Promise<void> {
    this.released.push(tasks.map((t) => t.id));
    this.due += tasks.length;
  }
  async extendLeases(): Promise<void> {}
  async retryFailed(): Promise<'retried'> {
    return 'retried';
  }
}

/** Runs tasks until the test lets them decide: `decide(id)` frees the task's slot and ends its run. */
class HeldRunner {
  readonly started: { id: number; prepared: boolean }[] = [];
  private readonly decided = new Map<number, () => void>();
  run(task: ClaimedTask, prepared: PreparedRoute | null, onDecided: () => void) {
    this.started.push({ id: task.id, prepared: prepared !== null });
    return new Promise<{ dueAgainInMs: null; unblocked: boolean }>((resolve) => {
      this.decided.set(task.id, () => {
        onDecided();
        resolve({ dueAgainInMs: null, unblocked: false });
      });
    });
  }
  decide(...ids: number[]): void {
    for (const id of ids) {
      this.decided.get(id)!();
      this.decided.delete(id);
    }
  }
  /** Lets every task still running decide. */
  decideAll(): void {
    for (const decide of [...this.decided.values()]) decide();
    this.decided.clear();
  }
  ids(): number[] {
    return this.started.map((s) => s.id);
  }
}

class SilentNotifications extends TaskNotifications {
  async listen(): Promise<void> {}
  async close(): Promise<void> {}
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('RouterLoop: claim-ahead while a burst drains', () => {
  let loop: RouterLoop;
  let queue: ScriptedQueue;
  let runner: HeldRunner;

  const startLoop = async (due: number) => {
    queue = new ScriptedQueue(due);
    runner = new HeldRunner();
    loop = new RouterLoop(
      queue,
      runner as unknown as TaskRunner,
      new SilentNotifications(),
      new SchedulerRegistry(),
      testSettings({ batchSize: 4, pollIntervalMs: 60_000, handoff: true }),
      new StageTrace(),
    );
    await loop.onApplicationBootstrap();
    await settle();
  };

  afterEach(async () => {
    const stopping = loop.beforeApplicationShutdown();
    runner.decideAll();
    await stopping;
  });

  it('claims the next batch while the running one decides, and starts it as one when it fits', async () => {
    await startLoop(12);
    // the first claim filled the slots; the next batch is claimed ahead, not started
    expect(queue.claims.map((c) => c.got)).toEqual([range(1, 4), range(5, 8)]);
    expect(runner.ids()).toEqual(range(1, 4));
    expect(loop.offer()).toBeNull(); // nothing handed off past the tasks waiting

    runner.decide(1, 2, 3);
    await settle();
    expect(runner.ids()).toEqual(range(1, 4)); // three free slots: the batch of four waits

    runner.decide(4);
    await settle();
    // started as one; and the batch after it claimed ahead at once
    expect(runner.ids()).toEqual(range(1, 8));
    expect(queue.claims.map((c) => c.got)).toEqual([range(1, 4), range(5, 8), range(9, 12)]);

    runner.decide(5, 6, 7, 8);
    await settle();
    runner.decide(9, 10, 11, 12);
    await settle();
    expect(runner.ids()).toEqual(range(1, 12));
    expect(queue.released).toEqual([]);
  });

  it('holds a batch ahead at most AHEAD_WAIT_MS: what fits starts, the rest goes back to the queue', async () => {
    await startLoop(8);
    expect(queue.claims.map((c) => c.got)).toEqual([range(1, 4), range(5, 8)]);
    runner.decide(1, 2); // two tasks keep their slots (a reversal waiting on its platform)
    await new Promise((r) => setTimeout(r, 350));
    expect(runner.ids()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(queue.released).toEqual([[7, 8]]);
  });

  it('does not claim ahead outside a burst: a wake-up with every slot taken leaves the tasks to others', async () => {
    await startLoop(4);
    expect(queue.claims.map((c) => c.got)).toEqual([range(1, 4), []]);
    // a task queued meanwhile (NOTIFY): no free slot and no burst draining, so no claim
    (queue as unknown as { due: number }).due = 1;
    loop.wake();
    await settle();
    expect(queue.claims).toHaveLength(2);
    // the wake-up found no free slot: the first slots to free claim it
    runner.decide(1, 2, 3, 4);
    await settle();
    expect(runner.ids()).toEqual(range(1, 5));
  });

  it('releases the batch held ahead on shutdown, unstarted', async () => {
    await startLoop(8);
    const stopping = loop.beforeApplicationShutdown();
    runner.decide(1, 2, 3, 4);
    await stopping;
    expect(queue.released).toEqual([range(5, 8)]);
    expect(runner.ids()).toEqual(range(1, 4));
  });
});
