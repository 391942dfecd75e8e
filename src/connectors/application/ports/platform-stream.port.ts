import type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';

export type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';

/** How a connection's stream is doing: `up` once subscribed and its initial picture delivered. */
export interface StreamStatus {
  up: boolean;
  /** Why it is down (redacted: never a token or credential); null when up. */
  error: string | null;
}

/**
 * Where a stream delivers (issue 14, "Streams, with polling behind them"). Called synchronously by the
 * stream; the listener queues and applies (it never throws back into the socket's handler).
 */
export interface StreamListener {
  /**
   * One account's picture after an event: the stream's current balance, open P&L, positions and working
   * orders (the full lists, not a delta), and the fills first reported since the previous call for that
   * account (each platform fill id at most once per stream session; a reconnect may report fills again:
   * the listener dedupes by id). `readAt` is when the event arrived.
   */
  onSnapshot(snapshot: PlatformAccountSnapshot): void;
  /** The stream went up (after (re)subscribing and delivering each account's initial picture) or down. */
  onStatus(status: StreamStatus): void;
}

/** A connection's open stream: one socket per connection (never per account), reconnecting by itself. */
export interface PlatformStream {
  /** Closes the socket and stops reconnecting; resolves once closed. */
  close(): Promise<void>;
}

/**
 * The platforms' push streams (Tradovate's user WebSocket, ProjectX's SignalR user hub). The stream logs in
 * with the connection's login (sharing its token and renewing it before expiry), keeps the platform's
 * heartbeat, reconnects with backoff and jitter, and re-subscribes. While it is down the sync polls the same
 * state over REST (PlatformStateReader).
 */
export abstract class PlatformStreams {
  /**
   * Opens the stream of `connectionId` for these trading accounts (all on that connection). Null when the
   * connection's platform has no stream (the generic REST API: polled only) or the connection is unknown.
   * Never throws for a platform failure: the stream reports it through `onStatus` and keeps retrying.
   */
  abstract open(
    connectionId: number,
    accountIds: readonly number[],
    listener: StreamListener,
  ): Promise<PlatformStream | null>;
}
