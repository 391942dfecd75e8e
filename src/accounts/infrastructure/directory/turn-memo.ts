/**
 * A value loaded at most once per event-loop turn: callers in the same turn (a batch of tasks) share one
 * load; the next turn loads again, so every read sees the latest committed configuration.
 */
export class TurnMemo<K, V> {
  private readonly pending = new Map<K, Promise<V>>();
  private clearing = false;

  constructor(private readonly load: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let value = this.pending.get(key);
    if (!value) {
      value = this.load(key);
      this.pending.set(key, value);
      this.scheduleClear();
    }
    return value;
  }

  private scheduleClear(): void {
    if (this.clearing) return;
    this.clearing = true;
    setImmediate(() => {
      this.pending.clear();
      this.clearing = false;
    });
  }
}
