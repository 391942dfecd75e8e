/**
 * Merges the calls made within one turn of the event loop into one call of `run`, each caller getting
 * its own slice of the answer. The router runs a claimed batch's tasks concurrently, so their reads
 * (risk, sizing) and writes (completions) arrive together: one statement serves the whole batch instead
 * of one per task. `run` must answer one result per request, in request order; if it throws, every
 * caller of that turn gets the error.
 */
export class Coalesced<Req, Res> {
  private pending: { requests: Req[]; resolve: (r: Res[]) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly run: (requests: Req[]) => Promise<Res[]>) {}

  call(requests: Req[]): Promise<Res[]> {
    return new Promise<Res[]>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ requests, resolve, reject });
    });
  }

  private flush(): void {
    const callers = this.pending;
    this.pending = [];
    const all = callers.length === 1 ? callers[0].requests : callers.flatMap((c) => c.requests);
    let answer: Promise<Res[]>;
    try {
      answer = this.run(all);
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      (results) => {
        if (results.length !== all.length) {
          const err = new Error(
            `Coalesced call answered ${results.length} results for ${all.length} requests`,
          );
          for (const c of callers) c.reject(err);
          return;
        }
        let at = 0;
        for (const c of callers) {
          c.resolve(results.slice(at, at + c.requests.length));
          at += c.requests.length;
        }
      },
      (err: unknown) => {
        for (const c of callers) c.reject(err);
      },
    );
  }
}

/** Like Coalesced, for calls keyed by a value (a firm) whose arguments can be merged into one set. */
export class CoalescedByKey<Arg, Res> {
  private pending = new Map<
    string,
    { args: Set<Arg>; waiters: { resolve: (r: Res) => void; reject: (e: unknown) => void }[] }
  >();

  constructor(private readonly run: (key: string, args: Arg[]) => Promise<Res>) {}

  call(key: string, args: Arg[]): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => this.flush());
      let entry = this.pending.get(key);
      if (!entry) {
        entry = { args: new Set(), waiters: [] };
        this.pending.set(key, entry);
      }
      for (const a of args) entry.args.add(a);
      entry.waiters.push({ resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, entry] of batch) {
      let answer: Promise<Res>;
      try {
        answer = this.run(key, [...entry.args]);
      } catch (err) {
        answer = Promise.reject(err);
      }
      answer.then(
        (r) => entry.waiters.forEach((w) => w.resolve(r)),
        (err: unknown) => entry.waiters.forEach((w) => w.reject(err)),
      );
    }
  }
}
