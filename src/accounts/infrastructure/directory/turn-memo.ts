/**
 * A value loaded at most once per event-loop turn (`ttlMs` 0), or at most once per `ttlMs`: callers in that
 * window share one load. `clear()` drops everything at once (this process wrote the configuration).
 */
export class TurnMemo<K, V> {
  private readonly pending = new Map<K, { value: Promise<V>; until: number }>();
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
    if (held && (this.ttlMs === 0 || now < held.until)) return held.value;
    const value = this.load(key);
    this.pending.set(key, { value, until: now + this.ttlMs });
    // a failed load is not kept: the next call loads again
    value.catch(() => {
      if (this.pending.get(key)?.value === value) this.pending.delete(key);
    });
    if (this.ttlMs === 0) this.clearAfterTurn();
    return value;
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
