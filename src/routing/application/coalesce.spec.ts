import { Coalesced } from './coalesce';

/** A run whose calls end only when the test says so; every call's requests are recorded. */
function harness(fail?: (requests: string[]) => boolean) {
  const calls: string[][] = [];
  const open: (() => void)[] = [];
  const c = new Coalesced<string, string>(async (requests) => {
    calls.push(requests);
    await new Promise<void>((resolve) => open.push(resolve));
    if (fail?.(requests)) throw new Error(`call ${requests.join('+')} failed`);
    return requests.map((r) => `done ${r}`);
  });
  /** Lets every call running now end, and the turns after it pass. */
  const endRunning = async () => {
    open.splice(0).forEach((end) => end());
    await turns();
  };
  return { c, calls, endRunning };
}

const turns = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('Coalesced: the calls of one event-loop turn in one call of run', () => {
  it('merges the calls of one turn and answers each caller its own slice, in order', async () => {
    const { c, calls, endRunning } = harness();
    const answers = Promise.all([c.call(['a']), c.call(['b', 'c']), c.call(['d'])]);
    await turns();
    expect(calls).toEqual([['a', 'b', 'c', 'd']]);
    await endRunning();
    await expect(answers).resolves.toEqual([['done a'], ['done b', 'done c'], ['done d']]);
  });

  it('each turn goes at once, beside the calls still running', async () => {
    const { c, calls, endRunning } = harness();
    const first = c.call(['a']);
    await turns();
    const second = c.call(['b']);
    await turns();
    expect(calls).toEqual([['a'], ['b']]);
    await endRunning();
    await expect(Promise.all([first, second])).resolves.toEqual([['done a'], ['done b']]);
  });

  it('a merged call that fails is run again per caller: only the bad caller fails', async () => {
    const { c, calls, endRunning } = harness((rs) => rs.includes('bad'));
    const good = c.call(['good']);
    const bad = c.call(['bad']).catch((e: Error) => e.message);
    await turns();
    expect(calls).toEqual([['good', 'bad']]);
    await endRunning(); // the merge fails; each caller runs on its own
    expect(calls).toEqual([['good', 'bad'], ['good'], ['bad']]);
    await endRunning();
    await expect(good).resolves.toEqual(['done good']);
    await expect(bad).resolves.toBe('call bad failed');
  });

  it('a caller alone whose call fails gets its error, not a second attempt', async () => {
    const { c, calls, endRunning } = harness(() => true);
    const only = c.call(['x', 'y']).catch((e: Error) => e.message);
    await turns();
    await endRunning();
    await expect(only).resolves.toBe('call x+y failed');
    expect(calls).toEqual([['x', 'y']]);
  });

  it('fails the callers when the run answers a result count other than the requests', async () => {
    const c = new Coalesced<string, string>(async (rs) => rs.slice(1));
    const answers = [c.call(['a']), c.call(['b'])];
    await expect(Promise.all(answers)).rejects.toThrow('a batch answered 0 results for 1 requests');
  });
});
