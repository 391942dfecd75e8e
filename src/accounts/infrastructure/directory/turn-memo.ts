interface Held<V> {
  value: Promise<V>;
  /** Loaded at or after `loadedAt`: served until `loadedAt + ttlMs`. */
  until: number;
  /** From here on (half the time to live) a read also starts the next load, and keeps serving this value. */
  refreshAt: number;
  /** The next load, started ahead; installed when it succeeds (unless cleared meanwhile). */
  next: Promise<V> | null;
}

/**
 * A value loaded at most once per event-loop turn (`ttlMs` 0), or at most once per `ttlMs`: callers in that
 * window share one load. With a time to live the value is loaded again ahead of time: a read in the second
 * half of its life starts the next load and is answered from the value held, so that steady traffic never
 * waits on a load (the signal path's account reads); no value is ever served older than `ttlMs` from the
 * start of its load (a read after that waits for the next). `clear()` drops everything at once (this process
 * wrote the configuration): a load started before it is not installed.
 */
export class TurnMemo<K, V> {
  private readonly pending = new Map<K, Held<V>>();
  private clearing = false;

  constructor(
    private readonly load: (key: K) => Promise<V>,
    private readonly ttlMs = 0,
  ) {}

  clear(): void {
    this.pending.clear();
  }

  get(key: K): Promise<V> {
    const now = Date.now();
    const held = this.pending.get(key);
    if (held && this.ttlMs === 0) return held.value;
    if (held && now < held.until) {
      if (now >= held.refreshAt && held.next === null) this.refresh(key, held, now);
      return held.value;
    }
    // past its time: the load started ahead, if any, is the answer
    if (held?.next) return held.next;
    const value = this.load(key);
    this.pending.set(key, { value, until: now + this.ttlMs, refreshAt: now + this.ttlMs / 2, next: null });
    // a failed load is not kept: the next call loads again
    value.catch(() => {
      if (this.pending.get(key)?.value === value) this.pending.delete(key);
    });
    if (this.ttlMs === 0) this.clearAfterTurn();
    return value;
  }

  private refresh(key: K, held: Held<V>, startedAt: number): void {
    const next = this.load(key);
    held.next = next;
    next.then(
      () => {
        if (this.pending.get(key) !== held) return; // cleared (or replaced) meanwhile
        const until = startedAt + this.ttlMs;
        this.pending.set(key, { value: next, until, refreshAt: startedAt + this.ttlMs / 2, next: null });
      },
      () => {
        // the value held is still served until its time; the next read in time tries again
        if (held.next === next) held.next = null;
        if (this.pending.get(key) === held && Date.now() >= held.until) this.pending.delete(key);
      },
    );
  }

  private clearAfterTurn(): void {
    if (this.clearing) return;
    this.clearing = true;
    setImmediate(() => {
      this.pending.clear();
      this.clearing = false;
    });
  }
}
