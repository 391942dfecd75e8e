import type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';

export type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';

/**
 * Reads one trading account's state at its platform over REST (issue 14's polling path, and the fallback
 * whenever a stream is down): balance, open P&L, positions, fills since a time, working orders. Goes through
 * the connection's login, lane and rate limits like every other call.
 */
export abstract class PlatformStateReader {
  /** Rejects with a ConnectorError-like Error when the platform cannot be read (the caller marks the sync down). */
  abstract snapshot(accountId: number, fillsSince: Date | null): Promise<PlatformAccountSnapshot>;
}
