import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { FlatByWatchService } from './flat-by-watch.service';
import { GUARD_SETTINGS, type GuardSettings } from './guard-settings';

/**
 * Runs the flat-by watch every FLAT_BY_WATCH_MS (GuardSettings.flatByWatchMs, 5 s by default); a round still
 * running when the next is due is not doubled.
 */
@Injectable()
export class FlatByWatchScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('FlatByWatch');
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(GUARD_SETTINGS) private readonly settings: GuardSettings,
    private readonly watch: FlatByWatchService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.settings.flatByWatchMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.watch
      .check()
      .then(() => undefined)
      .catch((error: unknown) => this.log.warn(`flat-by watch round failed: ${(error as Error).message}`))
      .finally(() => (this.running = null));
    return this.running;
  }
}
