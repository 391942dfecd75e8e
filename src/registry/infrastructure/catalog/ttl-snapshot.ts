/**
 * A value loaded at most once per `ttlMs` and shared by concurrent callers. `invalidate()` drops it at once,
 * and a load that was already running when it was called is neither shared nor kept afterwards.
 */
export class TtlSnapshot<T> {
  private value?: { data: T; loadedAt: number };
  private pending?: { promise: Promise<T>; generation: number };
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<T> {
    if (this.ttlMs <= 0) return this.load();
    if (this.value && this.now() - this.value.loadedAt < this.ttlMs) return Promise.resolve(this.value.data);
    if (this.pending && this.pending.generation === this.generation) return this.pending.promise;
    const generation = this.generation;
    const startedAt = this.now();
    const promise = this.load()
      .then((data) => {
        if (generation === this.generation) this.value = { data, loadedAt: startedAt };
        return data;
      })
      .finally(() => {
        if (this.pending?.promise === promise) this.pending = undefined;
      });
    this.pending = { promise, generation };
    return promise;
  }

  invalidate(): void {
    this.generation += 1;
    this.value = undefined;
  }
}
