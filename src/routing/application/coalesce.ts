/**
 * Merges the calls made within one turn of the event loop into one call of `run`, each caller getting
 * its own slice of the answer. The router runs a claimed batch's tasks concurrently, so their reads
 * (risk, sizing) and writes (completions) arrive together: one statement serves the whole batch instead
 * of one per task. `run` must answer one result per request, in request order. When a merged call
 * fails, each caller's requests are run again on their own, so that one bad request (or a bad moment)
 * fails only its own caller, exactly as without coalescing.
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
    if (callers.length === 1) {
      this.answer(callers, callers[0].requests);
      return;
    }
    const all = callers.flatMap((c) => c.requests);
    this.invoke(all).then(
      (results) => {
        let at = 0;
        for (const c of callers) {
          c.resolve(results.slice(at, at + c.requests.length));
          at += c.requests.length;
        }
      },
      () => {
        for (const c of callers) this.answer([c], c.requests);
      },
    );
  }

  private answer(callers: typeof this.pending, requests: Req[]): void {
    this.invoke(requests).then(
      (results) => callers.forEach((c) => c.resolve(results)),
      (err: unknown) => callers.forEach((c) => c.reject(err)),
    );
  }

  private invoke(requests: Req[]): Promise<Res[]> {
    return runChecked(this.run, requests);
  }
}

/** `run(requests)`, failing when it does not answer exactly one result per request (Coalesced, AccountBatches). */
export async function runChecked<Req, Res>(
  run: (requests: Req[]) => Promise<Res[]>,
  requests: Req[],
): Promise<Res[]> {
  const results = await run(requests);
  if (results.length !== requests.length)
    throw new Error(`a batch answered ${results.length} results for ${requests.length} requests`);
  return results;
}
