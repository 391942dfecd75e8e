import { runChecked } from './coalesce';

/**
 * Merges requests on trading accounts into batches run one at a time per account, in this process: the
 * requests of one event-loop turn go together (as Coalesced merges them), and a request touching an account
 * that a running batch holds waits, in this process, with every other request that arrives meanwhile, and
 * they all go as one batch when it ends. Under load each batch is one lock, one read and one insert for as
 * many requests as arrived while the last one ran, instead of one each in a queue of lock waits (each
 * holding a pooled connection while it waited on the lock): throughput on one account grows with the load.
 *
 * Requests on other accounts never wait on a running batch. Order is kept per account: a waiting request
 * holds back a later one that shares an account with it. Requests without accounts (nothing to hold) are
 * never held back. `run` answers one result per request, in request order; when a merged batch fails, each
 * request is run again on its own (side by side, their accounts held until all have settled), so that one bad
 * request fails only its caller.
 */
export class AccountBatches<Req, Res> {
  private waiting: {
    request: Req;
    ids: number[];
    resolve: (r: Res) => void;
    reject: (e: unknown) => void;
  }[] = [];
  /** Accounts a running batch holds. */
  private readonly busy = new Set<number>();
  /** How many waiting requests touch each account (`engaged` in O(accounts), not O(waiting × accounts)). */
  private readonly awaited = new Map<number, number>();
  private scheduled = false;

  constructor(
    private readonly accountsOf: (request: Req) => number[],
    private readonly run: (requests: Req[]) => Promise<Res[]>,
  ) {}

  call(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const ids = this.accountsOf(request);
      for (const id of ids) this.awaited.set(id, (this.awaited.get(id) ?? 0) + 1);
      this.waiting.push({ request, ids, resolve, reject });
      this.schedule();
    });
  }

  /** Whether a running batch holds, or a waiting request awaits, one of these accounts. */
  engaged(accountIds: readonly number[]): boolean {
    return accountIds.some((id) => this.busy.has(id) || this.awaited.has(id));
  }

  /** Requests waiting for a running batch's accounts (or for this turn to end). */
  get queued(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Starts one batch of every waiting request whose accounts are free (and not held back by an earlier one). */
  private flush(): void {
    const held = new Set(this.busy);
    const batch: typeof this.waiting = [];
    const left: typeof this.waiting = [];
    for (const w of this.waiting) {
      if (w.ids.some((id) => held.has(id))) {
        left.push(w);
        for (const id of w.ids) held.add(id); // a later request on these accounts waits behind this one
      } else {
        batch.push(w);
        for (const id of w.ids) {
          const n = this.awaited.get(id)! - 1;
          if (n > 0) this.awaited.set(id, n);
          else this.awaited.delete(id);
        }
      }
    }
    this.waiting = left;
    if (batch.length === 0) return;
    const ids = new Set(batch.flatMap((w) => w.ids));
    for (const id of ids) this.busy.add(id);
    void this.answer(batch).finally(() => {
      for (const id of ids) this.busy.delete(id);
      if (this.waiting.length > 0) this.schedule();
    });
  }

  private async answer(batch: typeof this.waiting): Promise<void> {
    try {
      const results = await this.invoke(batch.map((w) => w.request));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // each on its own, side by side (a lock timeout fails them all in one timeout, not one after another);
      // the accounts stay held until the last has settled, as the merged batch held them
      await Promise.all(
        batch.map((w) =>
          this.invoke([w.request]).then(
            ([r]) => w.resolve(r),
            (e: unknown) => w.reject(e),
          ),
        ),
      );
    }
  }

  private invoke(requests: Req[]): Promise<Res[]> {
    return runChecked(this.run, requests);
  }
}
