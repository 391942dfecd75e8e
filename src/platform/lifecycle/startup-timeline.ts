import { performance } from 'node:perf_hooks';

/** When each start-up step ended, in whole ms since the process started (Node's own start included). */
export class StartupTimeline {
  readonly marks: Record<string, number> = {};

  constructor(private readonly now: () => number = () => performance.now()) {}

  mark(step: string): void {
    this.marks[step] = Math.round(this.now());
  }
}
