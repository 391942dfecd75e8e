import { ConnectorError } from '../domain/connector-errors';
import type { RateWindow } from '../domain/platform-rate-limits';
import { callSignal } from './call-context';

/** A login (token request) or any other request. */
export type RequestKind = 'auth' | 'request';

/** What an adapter's transport awaits before each HTTP request it sends for a connection. */
export interface RequestGate {
  acquire(kind: RequestKind): Promise<void>;
  /**
   * The platform locked the login out (Tradovate `p-captcha`): every request for `ms` fails at once with
   * `reason` instead of being sent (sending more could only extend the lockout).
   */
  block(ms: number, reason: string): void;
}

/** A gate that never waits (adapters built outside the gateway, e.g. in adapter tests). */
export const OPEN_GATE: RequestGate = { acquire: () => Promise.resolve(), block: () => undefined };

interface Waiter {
  kind: RequestKind;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The send times still inside one window, oldest first. */
class WindowLog {
  private times: number[] = [];
  private head = 0;
  constructor(readonly window: RateWindow) {}

  count(now: number): number {
    const from = now - this.window.windowMs;
    while (this.head < this.times.length && this.times[this.head] <= from) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }
  /** Ms until one more request fits (0: now). */
  waitMs(now: number): number {
    if (this.count(now) < this.window.limit) return 0;
    return this.times[this.times.length - this.window.limit] + this.window.windowMs - now;
  }
  record(now: number): void {
    this.times.push(now);
  }
}

/**
 * One connection's rate limits: sliding windows (at most `limit` sends in any `windowMs`), so a burst can
 * never exceed a published limit however it is timed. A request that finds no room **waits** its turn, in
 * arrival order; it fails only when the gateway call it belongs to times out meanwhile (then it is never
 * sent: TRANSIENT). With no window (generic REST) every request passes at once.
 */
export class RateLimiter implements RequestGate {
  private readonly logs: WindowLog[];
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private blocked: { until: number; reason: string } | null = null;

  constructor(
    windows: readonly RateWindow[],
    private readonly now: () => number = Date.now,
  ) {
    this.logs = windows.map((w) => new WindowLog(w));
  }

  acquire(kind: RequestKind, signal: AbortSignal | undefined = callSignal()): Promise<void> {
    if (signal?.aborted) return Promise.reject(notSent());
    const lockout = this.lockout();
    if (lockout) return Promise.reject(lockout);
    if (this.queue.length === 0 && this.waitMs(kind) === 0) {
      this.record(kind);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { kind, resolve, reject };
      this.queue.push(waiter);
      signal?.addEventListener('abort', () => this.drop(waiter), { once: true });
      this.schedule();
    });
  }

  block(ms: number, reason: string): void {
    this.blocked = { until: this.now() + ms, reason };
    const error = this.lockout();
    for (const waiter of this.queue.splice(0)) waiter.reject(error as ConnectorError);
  }

  /** Requests that could go now (the tightest general window), null when unlimited; and how many wait. */
  snapshot(): { tokens: number | null; queued: number } {
    const now = this.now();
    const general = this.logs.filter((l) => l.window.scope === 'all');
    const tokens = general.length
      ? Math.min(...general.map((l) => Math.max(0, l.window.limit - l.count(now))))
      : null;
    return { tokens, queued: this.queue.length };
  }

  /** The lockout error while the platform has locked the login out, else null. */
  private lockout(): ConnectorError | null {
    if (!this.blocked || this.now() >= this.blocked.until) return (this.blocked = null);
    const retryAfterMs = this.blocked.until - this.now();
    const until = new Date(Date.now() + retryAfterMs).toISOString();
    return ConnectorError.rejected(`${this.blocked.reason}; not sent: locked out until ${until}`, {
      retryAfterMs,
    });
  }

  private applies(log: WindowLog, kind: RequestKind): boolean {
    return log.window.scope === 'all' || kind === 'auth';
  }

  private waitMs(kind: RequestKind): number {
    const now = this.now();
    return Math.max(0, ...this.logs.filter((l) => this.applies(l, kind)).map((l) => l.waitMs(now)));
  }

  private record(kind: RequestKind): void {
    const now = this.now();
    for (const log of this.logs) if (this.applies(log, kind)) log.record(now);
  }

  private drop(waiter: Waiter): void {
    const i = this.queue.indexOf(waiter);
    if (i < 0) return;
    this.queue.splice(i, 1);
    waiter.reject(notSent());
    if (i === 0) this.schedule();
  }

  /** Grants what fits now, in order, and sets one timer for the head of the queue. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0) {
      const wait = this.waitMs(this.queue[0].kind);
      if (wait > 0) {
        this.timer = setTimeout(() => this.schedule(), wait);
        this.timer.unref();
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      this.record(waiter.kind);
      waiter.resolve();
    }
  }
}

function notSent(): ConnectorError {
  return ConnectorError.transient(
    'rate limit: the call timed out waiting for a request slot; nothing was sent',
  );
}
