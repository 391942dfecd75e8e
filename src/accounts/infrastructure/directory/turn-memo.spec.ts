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
