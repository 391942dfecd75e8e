import { TtlSnapshot } from './ttl-snapshot';

function snapshot(opts: { ttlMs?: number; failOn?: number } = {}) {
  let now = 0;
  let loads = 0;
  const gates: (() => void)[] = [];
  let gated = false;
  const s = new TtlSnapshot(
    opts.ttlMs ?? 1000,
    async () => {
      const n = ++loads;
      if (gated) await new Promise<void>((r) => gates.push(r));
      if (n === opts.failOn) throw new Error('down');
      return n;
    },
    () => now,
  );
  return {
    s,
    loads: () => loads,
    at: (ms: number) => (now = ms),
    gate: (on: boolean) => (gated = on),
    release: () => gates.splice(0).forEach((r) => r()),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('TtlSnapshot', () => {
  it('shares one load, serves it for the first half of its life without loading again', async () => {
    const t = snapshot();
    expect(await Promise.all([t.s.get(), t.s.get()])).toEqual([1, 1]);
    t.at(499);
    expect(await t.s.get()).toBe(1);
    expect(t.loads()).toBe(1);
  });

  it('in the second half, answers from the value held and loads the next ahead', async () => {
    const t = snapshot();
    await t.s.get();
    t.at(500);
    expect(await t.s.get()).toBe(1);
    expect(t.loads()).toBe(2);
    await settle();
    t.at(999); // value 2 was loaded at 500: in the first half of its life, no load
    expect(await t.s.get()).toBe(2);
    expect(t.loads()).toBe(2);
  });

  it('never serves a value once its time is over: the read waits for the load', async () => {
    const t = snapshot();
    await t.s.get();
    t.gate(true);
    t.at(600);
    expect(await t.s.get()).toBe(1); // load 2 ahead, gated
    t.at(1000);
    let answered: number | null = null;
    const late = t.s.get().then((v) => (answered = v));
    await settle();
    expect(answered).toBeNull();
    t.release();
    await late;
    expect(answered).toBe(2);
    expect(t.loads()).toBe(2);
  });

  it('a load ahead failing keeps the value for its time and is tried again', async () => {
    const t = snapshot({ failOn: 2 });
    await t.s.get();
    t.at(600);
    expect(await t.s.get()).toBe(1);
    await settle();
    expect(await t.s.get()).toBe(1);
    expect(t.loads()).toBe(3);
    await settle();
    t.at(700);
    expect(await t.s.get()).toBe(3);
  });

  it('invalidate() drops the value and a load already running is not kept', async () => {
    const t = snapshot();
    await t.s.get();
    t.gate(true);
    t.at(600);
    await t.s.get(); // load 2 ahead, gated
    t.s.invalidate();
    t.gate(false);
    expect(await t.s.get()).toBe(3);
    t.release();
    await settle();
    expect(await t.s.get()).toBe(3);
  });
});
