import type { Signal } from '../../domain/signal';
import type { ClaimedTask, Lease } from './task-queue.port';

/** A slot of this process's router loop, promised to one signal about to be inserted. */
export interface Handoff {
  /** The lease to insert the task under. */
  lease: Lease;
  /** Called exactly once: the task inserted under the lease, to run now; null gives the slot back. */
  settle(task: ClaimedTask | null): void;
}

/**
 * The hand-off (ROUTER_HANDOFF) as the intake sees it: a free slot of the router loop for a signal about
 * to be inserted, the reads of its route already started; null when there is none. The intake depends on
 * this port, not on the loop that runs its tasks.
 */
export abstract class TaskHandoff {
  abstract offer(signal: Signal): Handoff | null;
}
