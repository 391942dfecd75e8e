import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LiveEvents } from '../../platform/live/live-events';
import { Clock } from '../../platform/time/clock';
import { endsThrough, HaltEndCursor, HaltRepository } from './ports/halt.repository.port';

/** How often this process looks for halts that ended by themselves since its last look. */
export const HALT_EXPIRY_CHECK_MS = 1000;
/** At most this many ends announced per look (the rest in the next: the cursor moves only past what was sent). */
const PER_CHECK = 100;

/**
 * A halt set until a time (the end of a trading day, 6 hours) changes no row when it ends, so nothing else
 * tells the dashboards: every HALT_EXPIRY_CHECK_MS this announces `halt.cleared` (`expired: true`, `by`: who set
 * it) on the live stream for each halt whose end passed since the previous look and that nobody cleared.
 * Each process looks for itself (the stream reaches every process's dashboards): with several processes a
 * dashboard may see one end more than once, which only makes it read its halts again.
 */
@Injectable()
export class HaltExpiryFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('HaltExpiryFeed');
  /** The last end announced (or looked past): the next look starts after it. */
  private since: HaltEndCursor | null = null;
  private timer: NodeJS.Timeout | null = null;
  private looking: Promise<number> | null = null;

  constructor(
    private readonly halts: HaltRepository,
    private readonly live: LiveEvents,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.since = endsThrough(this.clock.now());
    this.timer = setInterval(() => void this.look(), HALT_EXPIRY_CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.looking;
  }

  /** One look (the interval's; a test may call it): the ends announced. One look at a time. */
  look(): Promise<number> {
    this.looking ??= this.announceEnded()
      .catch((e: Error) => {
        this.log.warn(`Looking for ended halts failed: ${e.message}`);
        return 0;
      })
      .finally(() => (this.looking = null));
    return this.looking;
  }

  private async announceEnded(): Promise<number> {
    const to = this.clock.now();
    const after = this.since ?? endsThrough(to);
    const ended = await this.halts.expiredBetween(after, to, PER_CHECK);
    // a full page: the next look starts after the last halt sent (its end and id: others ending at the same
    // instant come next), not at `to`
    const last = ended[ended.length - 1];
    this.since = ended.length === PER_CHECK ? { at: last.expiresAt, id: last.id } : endsThrough(to);
    for (const h of ended)
      this.live.publish(
        'halt.cleared',
        {
          halt_id: h.id,
          firm_code: h.firmCode,
          account_id: h.accountId,
          reason: h.reason,
          by: h.createdBy,
          expired: true,
        },
        `halt:${h.id}`,
      );
    return ended.length;
  }
}
