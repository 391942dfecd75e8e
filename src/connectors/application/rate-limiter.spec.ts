import { ConnectorError } from '../domain/connector-errors';
import type { RateWindow } from '../domain/platform-rate-limits';
import { PLATFORM_RATE_LIMITS } from '../domain/platform-rate-limits';
import { RateLimiter } from './rate-limiter';

const window = (limit: number, windowMs: number, scope: RateWindow['scope'] = 'all'): RateWindow => ({
  limit,
  windowMs,
  scope,
  label: `${limit}/${windowMs}`,
});

/** Resolves to the ms (fake time) at which each acquire was granted, in grant order. */
function granted(limiter: RateLimiter, n: number, kind: 'auth' | 'request' = 'request'): number[] {
  const at: number[] = [];
  for (let i = 0; i < n; i++) void limiter.acquire(kind).then(() => at.push(Date.now()));
  return at;
}

describe('RateLimiter (sliding windows; a request without a token waits, it does not fail)', () => {
  let start: number;
  beforeEach(() => {
    jest.useFakeTimers();
    start = Date.now();
  });
  afterEach(() => jest.useRealTimers());

  it('one token inside the limit, at the limit and over it: the one over waits for the window to slide', async () => {
    const limiter = new RateLimiter([window(3, 1000)]);
    const at = granted(limiter, 4);
    await jest.advanceTimersByTimeAsync(0);
    expect(at.map((t) => t - start)).toEqual([0, 0, 0]); // inside (1, 2) and at (3) the limit: at once
    expect(limiter.snapshot()).toEqual({ tokens: 0, queued: 1 });
    await jest.advanceTimersByTimeAsync(999);
    expect(at).toHaveLength(3); // over: still waiting, not failed
    await jest.advanceTimersByTimeAsync(1);
    expect(at.map((t) => t - start)).toEqual([0, 0, 0, 1000]);
    expect(limiter.snapshot()).toEqual({ tokens: 2, queued: 0 }); // the first three left the window
  });

  it('never lets more than `limit` go in any window, however requests are timed', async () => {
    const limiter = new RateLimiter([window(5, 1000)]);
    const at: number[] = [];
    for (let i = 0; i < 40; i++) {
      void limiter.acquire('request').then(() => at.push(Date.now()));
      await jest.advanceTimersByTimeAsync(37);
    }
    await jest.advanceTimersByTimeAsync(10_000);
    expect(at).toHaveLength(40);
    for (const t of at) expect(at.filter((u) => u > t - 1000 && u <= t).length).toBeLessThanOrEqual(5);
    expect([...at].sort((a, b) => a - b)).toEqual(at); // in arrival order
  });

  it('auth requests also need the auth window; other requests do not', async () => {
    const limiter = new RateLimiter([window(100, 1000), window(1, 60_000, 'auth')]);
    const logins = granted(limiter, 2, 'auth');
    await jest.advanceTimersByTimeAsync(0);
    expect(logins).toHaveLength(1);
    expect(limiter.snapshot()).toEqual({ tokens: 99, queued: 1 });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(logins.map((t) => t - start)).toEqual([0, 60_000]);
  });

  it('a caller that gives up (its attempt timed out) leaves the queue: TRANSIENT, nothing sent', async () => {
    const limiter = new RateLimiter([window(1, 1000)]);
    await limiter.acquire('request');
    const controller = new AbortController();
    const waiting = limiter.acquire('request', controller.signal);
    const next = granted(limiter, 1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(ConnectorError);
    await expect(waiting).rejects.toMatchObject({ kind: 'TRANSIENT' });
    await jest.advanceTimersByTimeAsync(1000);
    expect(next.map((t) => t - start)).toEqual([1000]); // the next in line got the slot
  });

  it('without windows (generic REST) everything passes at once and tokens are unlimited', async () => {
    const limiter = new RateLimiter([]);
    const at = granted(limiter, 1000);
    await jest.advanceTimersByTimeAsync(0);
    expect(at).toHaveLength(1000);
    expect(limiter.snapshot()).toEqual({ tokens: null, queued: 0 });
  });

  it('a fan-out of 20 orders (3 requests each, one login) never waits on the published limits', async () => {
    for (const platform of ['tradovate', 'projectx'] as const) {
      const limiter = new RateLimiter(PLATFORM_RATE_LIMITS[platform]);
      const [logins, requests] = [granted(limiter, 1, 'auth'), granted(limiter, 60)];
      await jest.advanceTimersByTimeAsync(0);
      expect({ platform, sent: logins.length + requests.length }).toEqual({ platform, sent: 61 });
    }
  });
});

describe('RateLimiter lockout (Tradovate p-captcha)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fails every request at once while locked out, waiting ones too, and lets them through afterwards', async () => {
    const limiter = new RateLimiter([window(1, 1000)]);
    await limiter.acquire('request');
    const waiting = limiter.acquire('request');
    limiter.block(60_000, 'captcha');
    await expect(waiting).rejects.toMatchObject({
      kind: 'REJECTED',
      message: expect.stringContaining('captcha'),
    });
    await expect(limiter.acquire('request')).rejects.toMatchObject({
      kind: 'REJECTED',
      details: { retryAfterMs: 60_000 },
    });
    await jest.advanceTimersByTimeAsync(60_000);
    await expect(limiter.acquire('request')).resolves.toBeUndefined();
  });
});
