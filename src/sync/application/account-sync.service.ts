import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import { SyncedAccountState } from '../../risk/application/ports/synced-account-state.port';
import { accountsByConnection, fillCursor, newestFill, SyncAccount } from '../domain/sync-plan';
import { SyncStore } from './ports/sync-store.port';
import { SYNC_SETTINGS, SyncSettings } from './sync-settings';

/**
 * Keeps every enabled trading account's state in step with its platform (issue 14), by polling over REST
 * every SYNC_POLL_INTERVAL_MS: each connection is synced by the one process holding its lease; each account's
 * snapshot (balance, open P&L, positions, fills since the newest seen) is folded into its risk state.
 * A failing read marks the connection `down` with the error; the next good read marks it `polling` again.
 */
@Injectable()
export class AccountSync implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('AccountSync');
  private readonly newest = new Map<number, Date | null>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly directory: AccountDirectory,
    private readonly reader: PlatformStateReader,
    private readonly state: SyncedAccountState,
    private readonly store: SyncStore,
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    this.timer = setInterval(() => this.wake(), this.settings.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    if (this.settings.enabled)
      await this.store
        .release(this.settings.holderId)
        .catch((e: Error) => this.log.warn(`release: ${e.message}`));
  }

  wake(): void {
    if (this.running || this.stopping) return;
    this.running = this.tick()
      .catch((e: Error) => this.log.error(`Sync round failed: ${e.message}`))
      .finally(() => (this.running = null));
  }

  /** One round: every connection this process holds (or can take), every account on it. */
  async tick(): Promise<void> {
    const found = await this.directory.resolveTargets({
      accounts: [],
      tags: [],
      firmCodes: [],
      programIds: [],
    });
    if (!found.ok) return;
    const groups = accountsByConnection(found.accounts as SyncAccount[]);
    await Promise.all(
      [...groups].map(([connectionId, accounts]) => this.syncConnection(connectionId, accounts)),
    );
  }

  private async syncConnection(connectionId: number, accounts: SyncAccount[]): Promise<void> {
    const { holderId, leaseMs } = this.settings;
    if (!(await this.store.lease(connectionId, holderId, leaseMs))) return;
    const failures = (await Promise.all(accounts.map((a) => this.syncAccount(a)))).filter((e) => e !== null);
    const update =
      failures.length === 0
        ? { mode: 'polling' as const, lastEventAt: new Date(), lastError: null }
        : { mode: 'down' as const, lastError: failures.join('; ').slice(0, 1000) };
    await this.store.record(connectionId, holderId, update);
  }

  /** Null when the account was read and applied; the error's text otherwise. */
  private async syncAccount(a: SyncAccount): Promise<string | null> {
    try {
      const snapshot = await this.reader.snapshot(a.id, fillCursor(this.newest.get(a.id) ?? null));
      await this.state.apply({ accountId: a.id, firmCode: a.firmCode, programId: a.programId }, snapshot);
      this.newest.set(
        a.id,
        newestFill(
          this.newest.get(a.id) ?? null,
          snapshot.fills.map((f) => f.filledAt),
        ),
      );
      return null;
    } catch (e) {
      const text = `${a.label}: ${e instanceof Error ? e.message : String(e)}`;
      this.log.warn(`Sync of ${text}`);
      return text;
    }
  }
}
