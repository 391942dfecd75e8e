/**
 * When each connection is reconciled (issue 14): on every (re)connect (at start, after being down, when its
 * stream comes up) and every interval while it stays up.
 */
export class ReconcileSchedule {
  private readonly lastAt = new Map<number, number>();

  /** The connection (re)connects, or is down: it is due at its next good round. */
  reset(connectionId: number): void {
    this.lastAt.delete(connectionId);
  }

  /** True when the connection is due at `nowMs` (`intervalMs` after the last time, or reset); the interval then starts again. */
  take(connectionId: number, nowMs: number, intervalMs: number): boolean {
    const last = this.lastAt.get(connectionId);
    if (last !== undefined && nowMs - last < intervalMs) return false;
    this.lastAt.set(connectionId, nowMs);
    return true;
  }
}
