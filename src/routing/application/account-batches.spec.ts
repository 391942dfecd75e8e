import { AccountBatches } from './account-batches';

/** A request: a name and the accounts it holds. */
interface Req {
  name: string;
  ids: number[];
}

/** A run whose batches end only when the test says so; every batch (as names) is recorded. */
function harness(fail?: (batch: Req[]) => boolean) {
  const batches: string[][] = [];
  const open: (() => void)[] = [];
  const running = new Set<string>();
  const b = new AccountBatches<Req, string>(
    (r) => r.ids,
    async (rs) => {
      const names = rs.map((r) => r.name);
      batches.push(names);
      names.forEach((n) => running.add(n));
      await new Promise<void>((resolve) => open.push(resolve));
      names.forEach((n) => running.delete(n));
      if (fail?.(rs)) throw new Error(`batch ${names.join('+')} failed`);
      return names.map((n) => `done ${n}`);
    },
  );
  /** Lets every batch running now end, and the turns after it pass. */
  const endRunning = async () => {
    open.splice(0).forEach((end) => end());
    await turns();
  };
  return { b, batches, running, endRunning };
}

const turns = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};
const req = (name: string, ...ids: number[]): Req => ({ name, ids });

describe('AccountBatches: one batch at a time per account, the waiting ones merged', () => {
  it('counts an account engaged while a request waits on it or a batch holds it, and free after', async () => {
    const { b, endRunning } = harness();
    const first = b.call(req('a', 1, 2));
    expect([b.engaged([1]), b.engaged([2]), b.engaged([3])]).toEqual([true, true, false]); // waiting
    await turns();
    const second = b.call(req('b', 2)); // waits behind the running batch on 2
    expect([b.engaged([1]), b.engaged([3, 2])]).toEqual([true, true]);
    await endRunning(); // a's batch ends; b's starts
    expect([b.engaged([1]), b.engaged([2])]).toEqual([false, true]);
    await endRunning();
    expect(b.engaged([1, 2, 3])).toBe(false);
    expect(await Promise.all([first, second])).toEqual(['done a', 'done b']);
  });

  it('merges one turn into one batch and answers each caller its own result', async () => {
    const { b, batches, endRunning } = harness();
    const answers = Promise.all([b.call(req('a', 1)), b.call(req('b', 2)), b.call(req('c', 1, 3))]);
    await turns();
    expect(batches).toEqual([['a', 'b', 'c']]);
    await endRunning();
    await expect(answers).resolves.toEqual(['done a', 'done b', 'done c']);
  });

  it('a request on a busy account waits, and all that arrive meanwhile go as one batch when it ends', async () => {
    const { b, batches, running, endRunning } = harness();
    const first = b.call(req('first', 7));
    await turns();
    const later = [b.call(req('x', 7)), b.call(req('y', 7))];
    await turns();
    const last = b.call(req('z', 7, 8));
    await turns();
    expect(batches).toEqual([['first']]); // nothing on account 7 ran beside the first
    expect(b.queued).toBe(3);
    await endRunning();
    expect(batches).toEqual([['first'], ['x', 'y', 'z']]);
    expect([...running]).toEqual(['x', 'y', 'z']);
    await endRunning();
    await expect(Promise.all([first, ...later, last])).resolves.toEqual([
      'done first',
      'done x',
      'done y',
      'done z',
    ]);
    expect(b.queued).toBe(0);
  });

  it('never holds up a request on other accounts, nor one without accounts', async () => {
    const { b, batches, endRunning } = harness();
    void b.call(req('busy', 1));
    await turns();
    const other = b.call(req('other', 2));
    const none = b.call(req('env'));
    await turns();
    expect(batches).toEqual([['busy'], ['other', 'env']]);
    await endRunning();
    await expect(Promise.all([other, none])).resolves.toEqual(['done other', 'done env']);
  });

  it('keeps the order per account: a later request sharing a free account with a waiting one waits behind it', async () => {
    const { b, batches, endRunning } = harness();
    void b.call(req('holds-1', 1));
    await turns();
    void b.call(req('needs-1-and-2', 1, 2));
    await turns();
    void b.call(req('needs-2', 2)); // account 2 is free, but the request before it waits for it too
    void b.call(req('needs-3', 3));
    await turns();
    expect(batches).toEqual([['holds-1'], ['needs-3']]);
    await endRunning();
    expect(batches.slice(2)).toEqual([['needs-1-and-2', 'needs-2']]);
    await endRunning();
  });

  it('a failed merged batch is run again request by request, its accounts held until every one has settled', async () => {
    const { b, batches, endRunning } = harness((rs) => rs.length > 1 || rs[0].name === 'bad');
    const good = b.call(req('good', 1));
    const bad = b.call(req('bad', 1));
    await turns();
    await endRunning(); // the merged batch fails; each is run on its own
    void b.call(req('after', 1));
    await turns();
    expect(batches).toEqual([['good', 'bad'], ['good'], ['bad']]);
    await endRunning(); // 'good' answered, 'bad' failed alone; now 'after' may run
    await expect(good).resolves.toBe('done good');
    await expect(bad).rejects.toThrow('batch bad failed');
    expect(batches).toEqual([['good', 'bad'], ['good'], ['bad'], ['after']]);
    await endRunning();
  });

  it('fails a batch whose run answers the wrong number of results', async () => {
    const b = new AccountBatches<Req, string>(
      (r) => r.ids,
      async () => [],
    );
    // merged, then each alone: every caller gets the error, none an undefined result
    const answers = await Promise.allSettled([b.call(req('a', 1)), b.call(req('b', 2))]);
    expect(answers.map((a) => a.status === 'rejected' && (a.reason as Error).message)).toEqual([
      'a batch answered 0 results for 1 requests',
      'a batch answered 0 results for 1 requests',
    ]);
  });
});
