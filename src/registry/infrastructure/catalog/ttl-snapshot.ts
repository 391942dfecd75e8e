/**
 * A value loaded at most once per `ttlMs` and shared by concurrent callers. In the second half of its life a
 * read starts the next load ahead and is answered from the value held, so that steady traffic (the router's
 * sizing) never waits on a load; a value is never served once `ttlMs` have passed since its load started (a
 * read then waits for the load). `invalidate()` drops it at once, and a load that was already running when it
 * was called is neither shared nor kept afterwards.
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
    const age = this.value ? this.now() - this.value.loadedAt : Infinity;
    const current = this.pending && this.pending.generation === this.generation ? this.pending : undefined;
    if (age < this.ttlMs) {
      if (age >= this.ttlMs / 2 && !current) this.start().catch(() => undefined); // ahead; a failure retries
      return Promise.resolve(this.value!.data);
    }
    return current ? current.promise : this.start();
  }

  private start(): Promise<T> {
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
