/**
 * One load per key at a time: callers asking while it runs share its promise, so a burst's first orders on a
 * cold connection make one contract search, not one each (ProjectX counts every request against 200 / 60 s).
 * Nothing is kept once it settles (the caller caches answers); a failure fails every caller that shared it.
 * The load runs in the first caller's context (its call's signal and send window).
 */
export class SingleFlight<V> {
  private readonly running = new Map<string, Promise<V>>();

  run(key: string, load: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current;
    const started = load().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
