import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../platform/time/clock';
import { SyncConfirmationReader } from '../../risk/application/ports/sync-confirmations.port';
import { SyncBarrier } from '../../routing/application/ports/sync-barrier.port';
import { holdOver, unsyncedSince } from '../domain/sync-hold';
import { SYNC_SETTINGS, SyncSettings } from './sync-settings';

/**
 * SyncBarrier on the account states' confirmations (risk owns `confirmed_at`; any process's sync sets it): an
 * account's orders wait, polling every `pollMs`, until its platform confirmed its state after this process
 * started, at most SYNC_STALE_MS. Once confirmed, an account is never held again by this process: after the
 * first sync the barrier costs nothing. Open when SYNC_ENABLED is false.
 */
@Injectable()
export class StartupSyncBarrier extends SyncBarrier {
  private readonly log = new Logger('SyncBarrier');
  /**
   * This process's start, as the barrier knows it: it is built with the app, before the first sync round.
   * The earlier of the wall clock and the app's Clock, as a sync stamps `confirmed_at` (the earlier of the
   * read's time and the Clock's now): with a Clock behind the wall (a replay, a test's fake clock) a sync
   * after the start still counts, instead of holding every order for SYNC_STALE_MS.
   */
  readonly startedAt: Date;
  private readonly open = new Set<number>();
  pollMs = 25;

  constructor(
    private readonly reader: SyncConfirmationReader,
    @Inject(SYNC_SETTINGS) private readonly settings: Pick<SyncSettings, 'enabled'>,
    clock: Clock,
  ) {
    super();
    const wall = new Date();
    const now = clock.now();
    this.startedAt = now < wall ? now : wall;
  }

  async synced(accountIds: number[]): Promise<void> {
    if (!this.settings.enabled) return;
    let held = [...new Set(accountIds)].filter((id) => !this.open.has(id));
    const since = Date.now();
    while (held.length > 0) {
      const answer = await this.reader.confirmations(held).catch((e: Error) => {
        this.log.warn(`confirmations unreadable, not holding: ${e.message}`);
        return null;
      });
      if (!answer) return;
      const still = unsyncedSince(held, answer.confirmedAt, this.startedAt);
      held.filter((id) => !still.includes(id)).forEach((id) => this.open.add(id));
      held = still;
      if (held.length === 0) return;
      if (holdOver(since, Date.now(), answer.staleAfterMs)) {
        this.log.warn(`accounts ${held.join(', ')} not synced since start after ${answer.staleAfterMs} ms`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
