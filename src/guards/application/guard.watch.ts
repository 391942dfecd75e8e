import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AccountRooms } from '../../risk/application/ports/account-rooms.port';
import { SyncedStateChanges } from '../../risk/application/ports/synced-state-changes.port';
import { AfterTradeGuard } from './after-trade.guard';
import { GUARD_SETTINGS, type GuardSettings } from './guard-settings';

/**
 * Runs the guard: at once for an account whose platform read was just applied (SyncedStateChanges, one
 * check at a time per account, a read arriving mid-check checked again after it), and every GUARD_SWEEP_MS
 * over every account (a state changed by another process or by hand, a trip left unfinished).
 */
@Injectable()
export class GuardWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Guard');
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @Inject(GUARD_SETTINGS) private readonly settings: GuardSettings,
    private readonly guard: AfterTradeGuard,
    private readonly rooms: AccountRooms,
    private readonly changes: SyncedStateChanges,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    this.unsubscribe = this.changes.subscribe((id) => this.changed(id));
    this.timer = setInterval(() => void this.sweep(), this.settings.sweepMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await Promise.all([this.sweeping, ...this.running.values()]);
  }

  changed(accountId: number): void {
    if (this.stopping) return;
    if (this.running.has(accountId)) {
      this.again.add(accountId);
      return;
    }
    const run = this.guard
      .checkAccount(accountId)
      .then(() => undefined)
      .catch((e: Error) => this.log.warn(`guard check of account ${accountId} failed: ${e.message}`))
      .finally(() => {
        this.running.delete(accountId);
        if (this.again.delete(accountId)) this.changed(accountId);
      });
    this.running.set(accountId, run);
  }

  /** One sweep; a sweep still running when the next is due is not doubled. */
  sweep(): Promise<void> {
    if (this.sweeping || this.stopping) return this.sweeping ?? Promise.resolve();
    this.sweeping = this.sweepOnce()
      .catch((e: Error) => this.log.warn(`guard sweep failed: ${e.message}`))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    await this.guard.resumeDue();
    for (const room of await this.rooms.list())
      if (room.synced && !this.running.has(room.accountId)) await this.guard.checkRoom(room);
  }
}
