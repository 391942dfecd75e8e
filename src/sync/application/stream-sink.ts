import type {
  PlatformAccountSnapshot,
  StreamListener,
  StreamStatus,
} from '../../connectors/application/ports/platform-stream.port';
import { settleWithin } from '../../platform/lifecycle/settle-within';
import type { SyncAccount } from '../domain/sync-plan';
import { confirmedAt, mergeSnapshots } from '../domain/stream-merge';

/** How far behind `now` a quiet stream confirms its pictures (a push takes milliseconds, not a second). */
export const CONFIRM_LAG_MS = 1000;

/** Applies one account's picture to its risk state; rejects when it could not (the fills were not stored). */
export type ApplyPicture = (account: SyncAccount, snapshot: PlatformAccountSnapshot) => Promise<void>;

/**
 * What one connection's stream delivers, applied in order per account: an account's pictures are applied
 * one at a time; those arriving meanwhile are merged (mergeSnapshots: the newest picture, every fill), so a
 * burst of events costs one write per account, and no fill is lost. An apply that fails marks the account
 * for a REST read (its fills are read again from the cursor, which only moves on success).
 */
export class StreamSink implements StreamListener {
  up = false;
  lastEventAt: Date | null = null;
  lastError: string | null = null;
  /** Accounts whose last apply failed: the sync reads them over REST until one succeeds. */
  readonly failed = new Set<number>();
  private readonly pending = new Map<number, PlatformAccountSnapshot>();
  private readonly latest = new Map<number, PlatformAccountSnapshot>();
  private readonly draining = new Map<number, Promise<void>>();

  constructor(
    readonly accounts: ReadonlyMap<number, SyncAccount>,
    private readonly apply: ApplyPicture,
    private readonly statusChanged: (status: StreamStatus) => void,
  ) {}

  onSnapshot(snapshot: PlatformAccountSnapshot): void {
    if (!this.accounts.has(snapshot.accountId)) return;
    this.lastEventAt = new Date();
    this.latest.set(snapshot.accountId, { ...snapshot, fills: [] });
    this.enqueue(snapshot);
  }

  onStatus(status: StreamStatus): void {
    const changed = status.up !== this.up || status.error !== this.lastError;
    this.up = status.up;
    this.lastError = status.error;
    if (status.up) this.lastEventAt = new Date();
    if (changed) this.statusChanged(status);
  }

  /**
   * Whether the account is read over REST this round although the stream is up: its last apply failed (the
   * fills are read again from the cursor), the stream never pictured it, or it holds a position whose open
   * P&L the stream does not report (the read values it, so the high-water mark follows the price).
   */
  needsRead(accountId: number): boolean {
    const picture = this.latest.get(accountId);
    if (!picture || this.failed.has(accountId)) return true;
    return picture.openPnl === null && picture.positions.length > 0;
  }

  /**
   * Re-confirms every account's current picture (the stream is up: quiet is not stale) as of `CONFIRM_LAG_MS`
   * before `now`, never later than what the platform had surely pushed: an order the platform answered within
   * that second, whose fill event may still be on its way, keeps counting as pending exposure.
   */
  confirm(now: Date): void {
    const at = now.getTime() - CONFIRM_LAG_MS;
    for (const picture of this.latest.values()) {
      if (Date.parse(picture.readAt) < at) this.enqueue(confirmedAt(picture, new Date(at)));
    }
  }

  /**
   * Resolves once the pictures received so far are applied (or have failed), or after `maxMs` when events
   * keep an account's apply busy: a bounded wait, never a stall behind a busy stream.
   */
  async appliedWithin(maxMs: number): Promise<void> {
    await settleWithin(this.idle(), maxMs);
  }

  /** Resolves once every picture received so far is applied (or has failed). */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.all([...this.draining.values()]);
  }

  private enqueue(snapshot: PlatformAccountSnapshot): void {
    const id = snapshot.accountId;
    this.pending.set(id, mergeSnapshots(this.pending.get(id), snapshot));
    if (!this.draining.has(id)) {
      this.draining.set(
        id,
        this.drain(id).finally(() => this.draining.delete(id)),
      );
    }
  }

  private async drain(id: number): Promise<void> {
    const account = this.accounts.get(id);
    if (!account) return;
    for (let next = this.pending.get(id); next; next = this.pending.get(id)) {
      this.pending.delete(id);
      try {
        await this.apply(account, next);
      } catch {
        this.failed.add(id);
      }
    }
  }
}
