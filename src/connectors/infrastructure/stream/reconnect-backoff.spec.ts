import { backoffDelay } from './reconnect-backoff';

const policy = { baseMs: 200, maxMs: 5000 };

describe('backoffDelay', () => {
  it('doubles each attempt, from half to all of its step', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(100);
    expect(backoffDelay(0, policy, () => 1)).toBe(200);
    expect(backoffDelay(1, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1200); // step 1600: 800 + 400
  });

  it('never waits longer than maxMs, however many attempts failed', () => {
    expect(backoffDelay(5, policy, () => 1)).toBe(5000); // 200 × 32 = 6400, capped
    expect(backoffDelay(10_000, policy, () => 1)).toBe(5000);
    expect(backoffDelay(10_000, policy, () => 0)).toBe(2500);
  });

  it('spreads the waits of many connections dropped together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay(4, policy)));
    expect(waits.size).toBeGreaterThan(10);
    for (const w of waits) expect(w >= 1600 && w <= 3200).toBe(true);
  });

  it('treats a negative attempt as the first and clamps a random source outside [0, 1]', () => {
    expect(backoffDelay(-3, policy, () => 2)).toBe(200);
    expect(backoffDelay(0, policy, () => -1)).toBe(100);
  });
});
