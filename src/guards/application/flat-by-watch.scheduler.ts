import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { FlatByWatchService } from './flat-by-watch.service';

/** How often the watch looks: a firm's accounts are flattened within this of its flat-by time. */
export const FLAT_BY_WATCH_MS = 5_000;

/** Runs the flat-by watch every FLAT_BY_WATCH_MS; a round still running when the next is due is not doubled. */
@Injectable()
export class FlatByWatchScheduler {
  private readonly log = new Logger('FlatByWatch');
  private running: Promise<void> | null = null;

  constructor(private readonly watch: FlatByWatchService) {}

  @Interval('flat-by-watch', FLAT_BY_WATCH_MS)
  tick(): Promise<void> {
    this.running ??= this.watch
      .check()
      .then(() => undefined)
      .catch((error: unknown) => this.log.warn(`flat-by watch round failed: ${(error as Error).message}`))
      .finally(() => (this.running = null));
    return this.running;
  }
}
