/**
 * Progressive lockout after repeated failed logins. The HTTP rate limit counts every request per client;
 * this counts failures only, per username and per client, so a user who mistypes a few times is not
 * locked while a password guesser waits longer after each further failure: after `after` failures,
 * `baseS` × 2^(failures − after) seconds, at most `maxS`. A success clears the key; so does a quiet period
 * of `maxS`.
 * In-process: each process of a multi-process deployment counts on its own.
 */
export interface LockoutPolicy {
  after: number;
  baseS: number;
  maxS: number;
}

interface Entry {
  failures: number;
  lastFailureMs: number;
  lockedUntilMs: number;
}

/** The two counts a login is checked against. */
export interface LoginLockouts {
  byUsername: LoginLockout;
  byClient: LoginLockout;
}

export class LoginLockout {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly nowMs: () => number,
    /** Bounded memory when usernames are made up: the oldest entries are dropped past this. */
    private readonly capacity = 20_000,
  ) {}

  /** Seconds until `key` may try again; 0 when it is not locked. */
  retryAfterS(key: string): number {
    const now = this.nowMs();
    const until = this.entries.get(key)?.lockedUntilMs ?? 0;
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  recordFailure(key: string): void {
    const now = this.nowMs();
    const old = this.entries.get(key);
    // a quiet period as long as the longest lockout starts the count again
    const stale = !old || now - old.lastFailureMs > this.policy.maxS * 1000;
    const failures = stale ? 1 : old.failures + 1;
    const over = failures - this.policy.after;
    const lockS = over < 0 ? 0 : Math.min(this.policy.maxS, this.policy.baseS * 2 ** over);
    this.entries.delete(key); // re-inserted last: Map order is then oldest-first
    this.entries.set(key, { failures, lastFailureMs: now, lockedUntilMs: now + lockS * 1000 });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }
}
