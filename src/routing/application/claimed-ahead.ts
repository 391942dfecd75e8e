import type { ClaimedTask } from './ports/task-queue.port';

/**
 * How long a batch claimed ahead may wait for its slots: then it starts in the slots that are free and the
 * rest goes back to the queue (PENDING, as if never claimed), for this or another router. A running batch
 * decides within milliseconds; tasks that hold their slots longer (a reversal waiting on its platform) must
 * not hold back the tasks claimed behind them.
 */
export const AHEAD_WAIT_MS = 250;

/**
 * The batch a RouterLoop claimed ahead of the one running (issue 20): leased, waiting for slots, oldest first.
 * Its reads start when it starts: prepared earlier, an entry's decision locks would be taken (TaskPipeline.
 * prepare) while the running batch decides on the same accounts.
 */
export class ClaimedAhead {
  private ready: ClaimedTask[] = [];
  private timer: NodeJS.Timeout | null = null;

  get size(): number {
    return this.ready.length;
  }

  /** `onExpiry` runs when a batch held has waited AHEAD_WAIT_MS. */
  constructor(private readonly onExpiry: () => void) {}

  hold(tasks: ClaimedTask[]): void {
    const { onExpiry } = this;
    this.ready.push(...tasks);
    if (this.ready.length === 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.ready.length > 0) onExpiry();
    }, AHEAD_WAIT_MS);
    this.timer.unref();
  }

  /** The oldest `n` (all by default); the wait ends when none is left. */
  take(n = this.ready.length): ClaimedTask[] {
    const taken = this.ready.splice(0, n);
    if (this.ready.length === 0) this.stop();
    return taken;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
