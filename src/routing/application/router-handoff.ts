import { Injectable } from '@nestjs/common';
import type { Signal } from '../domain/signal';
import { Handoff, TaskHandoff } from './ports/task-handoff.port';
import { RouterLoop } from './router-loop.service';
import { TaskPipeline } from './task-pipeline';

/** The hand-off on this process's RouterLoop: its slot, and the TaskPipeline's reads started beside the insert. */
@Injectable()
export class RouterHandoff extends TaskHandoff {
  constructor(
    private readonly loop: RouterLoop,
    private readonly pipeline: TaskPipeline,
  ) {
    super();
  }

  offer(signal: Signal): Handoff | null {
    const lease = this.loop.offer();
    if (!lease) return null;
    const prepared = this.pipeline.prepare(signal);
    return {
      lease,
      settle: (task) => {
        // not inserted (a duplicate, a failed insert): what was taken for it is released
        if (!task) prepared.release();
        this.loop.adopt(task, prepared);
      },
    };
  }
}
