import { Lane } from './lane';

describe("Lane (a connection's concurrency cap)", () => {
  it('runs at most `capacity` calls at once, the rest in arrival order as slots free up', async () => {
    const lane = new Lane(2);
    const release: (() => void)[] = [];
    const started: number[] = [];
    const calls = [1, 2, 3, 4].map((n) =>
      lane.run(
        () =>
          new Promise<number>((resolve) => {
            started.push(n);
            release.push(() => resolve(n));
          }),
      ),
    );
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    expect([lane.inFlight, lane.queued]).toEqual([2, 2]);
    release[0]();
    await calls[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2, 3]);
    release[1]();
    release[2]();
    await new Promise((r) => setImmediate(r));
    release[3]();
    expect(await Promise.all(calls)).toEqual([1, 2, 3, 4]);
    expect([lane.inFlight, lane.queued]).toEqual([0, 0]);
  });

  it('a failing call frees its slot', async () => {
    const lane = new Lane(1);
    await expect(lane.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lane.run(async () => 'next')).toBe('next');
    expect(lane.inFlight).toBe(0);
  });
});
