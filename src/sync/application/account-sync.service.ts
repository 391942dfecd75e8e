import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import {
  PlatformAccountSnapshot,
  PlatformStream,
  PlatformStreams,
} from '../../connectors/application/ports/platform-stream.port';
import { SyncedAccountState } from '../../risk/application/ports/synced-account-state.port';
import { ReconcileSchedule } from '../domain/reconcile-schedule';
import { accountsByConnection, fillCursor, newestFill, SyncAccount } from '../domain/sync-plan';
import { SyncStore } from './ports/sync-store.port';
import { Reconciler } from './reconciler.service';
import { StatusWrites } from './status-writes';
import { StreamSink } from './stream-sink';
import { SYNC_SETTINGS, SyncSettings } from './sync-settings';

/** A connection's stream as this process holds it; `stream` null: the platform has none (polled only). */
interface HeldStream {
  /** The connection's revision and account ids it was opened for: a change reopens it. */
  key: string;
  stream: PlatformStream | null;
  sink: StreamSink;
}

/**
 * Keeps every enabled trading account's state in step with its platform (issue 14). Each connection is
 * synced by the one process holding its lease in `connection_sync` (renewed every SYNC_POLL_INTERVAL_MS;
 * a dead holder's lease runs out and another process takes over, so a platform session is never opened
 * twice). Where the platform streams (Tradovate's user WebSocket, ProjectX's SignalR hub), the holder keeps
 * one stream per connection and applies each event as it comes (mode `streaming`); whenever the stream is
 * down, or the platform has none, each account's snapshot is read over REST every SYNC_POLL_INTERVAL_MS
 * (mode `polling`), and a failing read marks the connection `down` with the error. Fills are applied once
 * by their platform fill id however often either path reports them.
 */
@Injectable()
export class AccountSync implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('AccountSync');
  private readonly newest = new Map<number, Date | null>();
  private readonly streams = new Map<number, HeldStream>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly reconcile = new ReconcileSchedule();
  private readonly statuses: StatusWrites;

  constructor(
    private readonly directory: AccountDirectory,
    private readonly reader: PlatformStateReader,
    private readonly platformStreams: PlatformStreams,
    private readonly state: SyncedAccountState,
    private readonly store: SyncStore,
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
    private readonly reconciler: Reconciler,
  ) {
    this.statuses = new StatusWrites(store, settings.holderId, this.log);
  }

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
    await Promise.all([...this.streams.keys()].map((id) => this.closeStream(id)));
    await this.statuses.settled();
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
    const gone = [...this.streams.keys()].filter((id) => !groups.has(id));
    await Promise.all([
      ...gone.map((id) => this.closeStream(id)),
      ...[...groups].map(([connectionId, accounts]) => this.syncConnection(connectionId, accounts)),
    ]);
  }

  private async syncConnection(connectionId: number, accounts: SyncAccount[]): Promise<void> {
    const { holderId, leaseMs } = this.settings;
    if (!(await this.store.lease(connectionId, holderId, leaseMs))) {
      await this.closeStream(connectionId);
      return;
    }
    const held = await this.holdStream(connectionId, accounts);
    if (held?.sink.up) {
      held.sink.confirm(new Date());
      // over REST too: an account the stream failed to apply or never pictured, and one holding a position
      // whose open P&L the stream does not carry (Tradovate's user sync has none): the read values it
      const reread = accounts.filter((a) => held.sink.needsRead(a.id));
      const failures = await this.poll(reread, held.sink);
      await this.statuses.record(connectionId, {
        mode: 'streaming',
        lastEventAt: held.sink.lastEventAt ?? undefined,
        lastError: failures.length > 0 ? failures.join('; ').slice(0, 1000) : null,
      });
      await this.reconcileIfDue(connectionId, accounts, failures.length === 0);
      return;
    }
    const failures = await this.poll(accounts, held?.sink ?? null);
    const streamDown = held?.stream && held.sink.lastError ? `stream: ${held.sink.lastError}` : null;
    const update =
      failures.length === 0
        ? { mode: 'polling' as const, lastEventAt: new Date(), lastError: streamDown }
        : {
            mode: 'down' as const,
            lastError: [streamDown, ...failures]
              .filter((e) => e !== null)
              .join('; ')
              .slice(0, 1000),
          };
    // the stream came up while this round polled: it has recorded `streaming` already
    if (!held?.sink.up) await this.statuses.record(connectionId, update);
    await this.reconcileIfDue(connectionId, accounts, failures.length === 0);
  }

  /** Reconciliation (issue 14): on a (re)connect and every RECONCILE_INTERVAL_MS (ReconcileSchedule). */
  private async reconcileIfDue(connectionId: number, accounts: SyncAccount[], up: boolean): Promise<void> {
    if (!up) this.reconcile.reset(connectionId);
    else if (this.reconcile.take(connectionId, Date.now(), this.settings.reconcileIntervalMs))
      await this.reconciler.reconcileAll(accounts);
  }

  /**
   * The connection's stream, opened (or reopened when its credentials, URL or accounts changed) for these
   * accounts; null when it could not be opened (then the accounts are polled).
   */
  private async holdStream(connectionId: number, accounts: SyncAccount[]): Promise<HeldStream | null> {
    const connection = await this.directory.connection(connectionId);
    if (!connection) return null;
    const ids = accounts.map((a) => a.id).sort((a, b) => a - b);
    const key = `${connection.revision}|${ids.join(',')}`;
    const held = this.streams.get(connectionId);
    if (held?.key === key) return held;
    if (held) await this.closeStream(connectionId);
    const sink = new StreamSink(
      new Map(accounts.map((a) => [a.id, a])),
      (account, snapshot) => this.applyStreamed(account, snapshot),
      (status) => this.streamStatus(connectionId, status.up, status.error),
    );
    try {
      const stream = await this.platformStreams.open(connectionId, ids, sink);
      const opened = { key, stream, sink };
      this.streams.set(connectionId, opened);
      return opened;
    } catch (e) {
      this.log.warn(`Stream of connection ${connectionId}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  private async closeStream(connectionId: number): Promise<void> {
    const held = this.streams.get(connectionId);
    if (!held) return;
    this.streams.delete(connectionId);
    await held.stream?.close().catch((e: Error) => this.log.warn(`Stream close: ${e.message}`));
    await held.sink.idle();
  }

  /** A stream went up or down: recorded at once; when down, the accounts are read over REST now. */
  private streamStatus(connectionId: number, up: boolean, error: string | null): void {
    if (this.stopping || !this.streams.has(connectionId)) return;
    this.log.log(`Stream of connection ${connectionId} ${up ? 'up' : `down: ${error ?? 'closed'}`}`);
    if (up) this.reconcile.reset(connectionId);
    void this.statuses.reported(connectionId, up, error, this.streams.get(connectionId)?.sink);
    if (!up) this.wake();
  }

  private async applyStreamed(account: SyncAccount, snapshot: PlatformAccountSnapshot): Promise<void> {
    try {
      await this.applySnapshot(account, snapshot);
    } catch (e) {
      this.log.warn(`Sync of ${account.label}: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private async applySnapshot(account: SyncAccount, snapshot: PlatformAccountSnapshot): Promise<void> {
    await this.state.apply(
      { accountId: account.id, firmCode: account.firmCode, programId: account.programId },
      snapshot,
    );
    this.newest.set(
      account.id,
      newestFill(
        this.newest.get(account.id) ?? null,
        snapshot.fills.map((f) => f.filledAt),
      ),
    );
  }

  /** Reads and applies each account over REST; the errors' texts (empty when every read applied). */
  private async poll(accounts: SyncAccount[], sink: StreamSink | null): Promise<string[]> {
    const results = await Promise.all(accounts.map((a) => this.syncAccount(a, sink)));
    return results.filter((e) => e !== null);
  }

  /** Null when the account was read and applied; the error's text otherwise. */
  private async syncAccount(a: SyncAccount, sink: StreamSink | null): Promise<string | null> {
    try {
      const snapshot = await this.reader.snapshot(a.id, fillCursor(this.newest.get(a.id) ?? null));
      await this.applySnapshot(a, snapshot);
      sink?.failed.delete(a.id);
      return null;
    } catch (e) {
      const text = `${a.label}: ${e instanceof Error ? e.message : String(e)}`;
      this.log.warn(`Sync of ${text}`);
      return text;
    }
  }
}
