import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  const deferred = () => {
    let resolve!: (v: string) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it('shares one running load per key; other keys load on their own', async () => {
    const flight = new SingleFlight<string>();
    const nq = deferred();
    let loads = 0;
    const load = (d: ReturnType<typeof deferred>) => () => (loads++, d.promise);
    const es = deferred();
    const asked = [flight.run('NQ', load(nq)), flight.run('NQ', load(nq)), flight.run('ES', load(es))];
    expect(loads).toBe(2);
    nq.resolve('NQZ6');
    es.resolve('ESZ6');
    expect(await Promise.all(asked)).toEqual(['NQZ6', 'NQZ6', 'ESZ6']);
  });

  it('keeps nothing once settled: a failure fails its sharers, and the next call loads again', async () => {
    const flight = new SingleFlight<string>();
    const first = deferred();
    const a = flight.run('NQ', () => first.promise);
    const b = flight.run('NQ', () => Promise.resolve('never'));
    first.reject(new Error('HTTP 503'));
    await expect(a).rejects.toThrow('HTTP 503');
    await expect(b).rejects.toThrow('HTTP 503');
    expect(await flight.run('NQ', () => Promise.resolve('NQZ6'))).toBe('NQZ6');
  });
});
