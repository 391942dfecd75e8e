import type { PlatformAccountSnapshot, PlatformFill } from '../../shared-kernel/platform-state';

/**
 * Two pictures of one account from its stream, not yet applied, as one: the later picture (balance, open
 * P&L, positions, working orders, time) with every fill of both, each fill id once, in arrival order. An
 * account's events are applied one at a time; whatever arrives meanwhile is merged so that no fill is lost
 * and only the newest picture is written.
 */
export function mergeSnapshots(
  earlier: PlatformAccountSnapshot | undefined,
  later: PlatformAccountSnapshot,
): PlatformAccountSnapshot {
  if (!earlier || earlier.fills.length === 0) return later;
  const seen = new Set<string>();
  const fills: PlatformFill[] = [];
  for (const f of [...earlier.fills, ...later.fills]) {
    if (seen.has(f.fillId)) continue;
    seen.add(f.fillId);
    fills.push(f);
  }
  return { ...later, fills };
}

/**
 * The stream's current picture of an account confirmed at `now` (no fills): while a stream is up and its
 * heartbeat kept, a quiet account's state is still current, and is re-confirmed so that it does not go
 * stale (ACCOUNT_STATE_STALE) merely because nothing happened.
 */
export function confirmedAt(picture: PlatformAccountSnapshot, now: Date): PlatformAccountSnapshot {
  return { ...picture, fills: [], readAt: now.toISOString() };
}
