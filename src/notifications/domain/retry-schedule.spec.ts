import { afterFailure, channelHealth, channelPauseMs, retryDelayMs } from './retry-schedule';

describe('retry schedule', () => {
  const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };

  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 60].map((a) => retryDelayMs(a, policy))).toEqual([
      1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });

  it('gives up at the last attempt, not before', () => {
    expect(afterFailure(3, policy, null)).toEqual({ retry: true, delayMs: 4000 });
    expect(afterFailure(4, policy, null)).toEqual({ retry: false });
  });

  it('a rate limit waits as long as asked, even after the last attempt', () => {
    expect(afterFailure(4, policy, 1500)).toEqual({ retry: true, delayMs: 1500 });
  });

  it('a channel pauses from its threshold of failures in a row on, doubling to the cap', () => {
    // one under, at, one over, and far over the threshold of 3
    expect([2, 3, 4, 5, 40].map((n) => channelPauseMs(n, 3, policy))).toEqual([null, 1000, 2000, 4000, 5000]);
  });

  it('a channel is failing from the threshold on', () => {
    expect([2, 3, 4].map((n) => channelHealth(n, 3))).toEqual(['ok', 'failing', 'failing']);
  });
});
