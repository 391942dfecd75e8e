import { TurnMemo } from './turn-memo';

describe('TurnMemo', () => {
  it('loads once per key within a turn and again on the next turn', async () => {
    let loads = 0;
    const memo = new TurnMemo(async (k: string) => `${k}${++loads}`);
    const [a, b] = await Promise.all([memo.get('x'), memo.get('x')]);
    expect([a, b, loads]).toEqual(['x1', 'x1', 1]);
    await new Promise((r) => setImmediate(r));
    expect(await memo.get('x')).toBe('x2');
  });

  it('does not keep a failure past the turn', async () => {
    let fail = true;
    const memo = new TurnMemo(async () => {
      if (fail) throw new Error('down');
      return 1;
    });
    await expect(memo.get('k')).rejects.toThrow('down');
    fail = false;
    await new Promise((r) => setImmediate(r));
    expect(await memo.get('k')).toBe(1);
  });
});

describe('TurnMemo with a time to live', () => {
  it('keeps a value for ttlMs across turns, loads again after it, and clear() drops it at once', async () => {
    jest.useFakeTimers();
    try {
      let loads = 0;
      const memo = new TurnMemo(async () => ++loads, 1000);
      expect(await memo.get('k')).toBe(1);
      jest.advanceTimersByTime(999);
      expect(await memo.get('k')).toBe(1);
      jest.advanceTimersByTime(1);
      expect(await memo.get('k')).toBe(2);
      memo.clear();
      expect(await memo.get('k')).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('TurnMemo loading ahead', () => {
  const settle = () =>
    new Promise((r) => jest.requireActual<typeof import('timers')>('timers').setImmediate(r));

  it('a read in the second half of the time to live starts the next load and is answered from the value held', async () => {
    jest.useFakeTimers();
    try {
      let loads = 0;
      const memo = new TurnMemo(async () => ++loads, 1000);
      expect(await memo.get('k')).toBe(1);
      jest.advanceTimersByTime(499);
      expect(await memo.get('k')).toBe(1);
      expect(loads).toBe(1); // first half: no load
      jest.advanceTimersByTime(1);
      expect(await memo.get('k')).toBe(1); // held value, next load started
      expect(loads).toBe(2);
      await settle();
      expect(await memo.get('k')).toBe(2); // the load started ahead is installed
      expect(loads).toBe(2);
      // the new value lives from the start of its load (at 500): held until 1499, loaded ahead from 1000
      jest.advanceTimersByTime(499);
      expect(await memo.get('k')).toBe(2);
      expect(loads).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never serves a value past its time: a read after it waits for the load', async () => {
    jest.useFakeTimers();
    try {
      let loads = 0;
      let release: (() => void) | null = null;
      const memo = new TurnMemo(async () => {
        const n = ++loads;
        if (n > 1) await new Promise<void>((r) => (release = r));
        return n;
      }, 1000);
      expect(await memo.get('k')).toBe(1);
      jest.advanceTimersByTime(600);
      expect(await memo.get('k')).toBe(1); // load 2 started ahead, not answered yet
      jest.advanceTimersByTime(400); // value 1 is now 1000 ms old
      const late = memo.get('k');
      let answered: number | null = null;
      void late.then((v) => (answered = v));
      await settle();
      expect(answered).toBeNull(); // waiting for load 2, not answered with the expired 1
      release!();
      expect(await late).toBe(2);
      expect(loads).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('a load started ahead of a clear() is not installed', async () => {
    jest.useFakeTimers();
    try {
      let loads = 0;
      let release: (() => void) | null = null;
      const memo = new TurnMemo(async () => {
        const n = ++loads;
        if (n === 2) await new Promise<void>((r) => (release = r));
        return n;
      }, 1000);
      expect(await memo.get('k')).toBe(1);
      jest.advanceTimersByTime(600);
      expect(await memo.get('k')).toBe(1); // load 2 (begun before the write) in flight
      memo.clear();
      expect(await memo.get('k')).toBe(3); // after the write: loaded again
      release!();
      await settle();
      expect(await memo.get('k')).toBe(3); // load 2 finished late and was dropped
    } finally {
      jest.useRealTimers();
    }
  });

  it('a failed load ahead keeps the value held for its time and is tried again', async () => {
    jest.useFakeTimers();
    try {
      let loads = 0;
      const memo = new TurnMemo(async () => {
        const n = ++loads;
        if (n === 2) throw new Error('down');
        return n;
      }, 1000);
      expect(await memo.get('k')).toBe(1);
      jest.advanceTimersByTime(600);
      expect(await memo.get('k')).toBe(1);
      await settle();
      expect(await memo.get('k')).toBe(1); // still in time; load 3 started
      expect(loads).toBe(3);
      await settle();
      expect(await memo.get('k')).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
