import { ConnectorError } from '../domain/connector-errors';
import type { RateWindow } from '../domain/platform-rate-limits';
import { withSendDeadline } from './call-context';
import { FirmPolicy } from './firm-policy';
import { RateLimiter } from './rate-limiter';

const settings = {
  timeoutMs: 1000,
  maxRetries: 2,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 50,
  breakerThreshold: 2,
  breakerHalfOpenMs: 60_000,
};
const hooks = { onRetry: () => {}, onBreak: () => {}, onReset: () => {} };
const oneRequestPerSecond: RateWindow = { limit: 1, windowMs: 1000, scope: 'all', label: '1/s' };

describe('FirmPolicy inside a send window (ConnectorGateway.sendBy)', () => {
  it('starts no attempt once the window has closed: certainly not sent, not retried, not counted by the breaker', async () => {
    const policy = new FirmPolicy(settings, hooks);
    let attempts = 0;
    const attempt = async () => {
      attempts++;
      return 'sent';
    };
    for (let i = 0; i < 3; i++) {
      const closed = withSendDeadline(Date.now() - 1, () => policy.run(attempt, { write: true }));
      await expect(closed).rejects.toMatchObject({ kind: 'TRANSIENT', details: { windowClosed: true } });
    }
    expect(attempts).toBe(0);
    expect(policy.circuit).toBe('closed'); // three closed windows, threshold 2: the platform was never called
    // one ms left: the attempt starts
    await expect(
      withSendDeadline(Date.now() + 1000, () => policy.run(attempt, { write: true })),
    ).resolves.toBe('sent');
    expect(attempts).toBe(1);
  });

  it('a request still waiting for its rate-limit token when the window closes is never sent', async () => {
    const policy = new FirmPolicy(settings, hooks);
    const limiter = new RateLimiter([oneRequestPerSecond]);
    await limiter.acquire('request'); // the window's one token is used: the next request waits ~1 s
    const sent: number[] = [];
    const attempt = async () => {
      await limiter.acquire('request');
      sent.push(Date.now());
      return 'sent';
    };
    const started = Date.now();
    const outcome = await withSendDeadline(Date.now() + 150, () =>
      policy.run(attempt, { write: true }),
    ).catch((e: ConnectorError) => e);
    expect(sent).toEqual([]);
    expect(outcome).toBeInstanceOf(ConnectorError);
    expect(Date.now() - started).toBeLessThan(900); // dropped when the window closed, not granted a token later
    await new Promise((r) => setTimeout(r, 1100));
    expect(sent).toEqual([]);
  });

  it('outside a window nothing changes: the attempt runs and its retries follow the policy', async () => {
    const policy = new FirmPolicy(settings, hooks);
    let attempts = 0;
    const result = await policy.run(
      async () => {
        if (++attempts < 3) throw ConnectorError.transient('HTTP 503');
        return 'sent';
      },
      { write: true },
    );
    expect(result).toBe('sent');
    expect(attempts).toBe(3);
  });
});

describe('FirmPolicy breaker decided by writes (the order path)', () => {
  const failing = async (): Promise<string> => {
    throw ConnectorError.transient('HTTP 503');
  };
  const reading = async () => 'read';
  const short = { ...settings, maxRetries: 0, breakerThreshold: 3, breakerHalfOpenMs: 200 };

  it('failed writes open it although reads between them succeed; reads then fail fast until it half-opens', async () => {
    const policy = new FirmPolicy(short, hooks, 'writes');
    for (let i = 0; i < 2; i++) {
      await expect(policy.run(failing, { write: true })).rejects.toMatchObject({ kind: 'TRANSIENT' });
      await expect(policy.run(reading, { write: false })).resolves.toBe('read'); // does not reset the count
    }
    expect(policy.circuit).toBe('closed');
    await expect(policy.run(failing, { write: true })).rejects.toMatchObject({ kind: 'TRANSIENT' });
    expect(policy.circuit).toBe('open'); // three failed writes in a row, reads between them
    await expect(policy.run(reading, { write: false })).rejects.toThrow(/open/i);
    await expect(policy.run(failing, { write: true })).rejects.toThrow(/open/i);
    await new Promise((r) => setTimeout(r, 250));
    await expect(policy.run(reading, { write: false })).resolves.toBe('read'); // past half-open: reads run
    expect(policy.circuit).toBe('open'); // and decide nothing: a write is the test
    await expect(policy.run(async () => 'sent', { write: true })).resolves.toBe('sent');
    expect(policy.circuit).toBe('closed');
  });

  it('failed reads never open it', async () => {
    const policy = new FirmPolicy(short, hooks, 'writes');
    for (let i = 0; i < 5; i++) await expect(policy.run(failing, { write: false })).rejects.toBeDefined();
    expect(policy.circuit).toBe('closed');
  });

  it('a breaker decided by every call (sync reads) is reset by a successful read, opened by failed ones', async () => {
    const policy = new FirmPolicy(short, hooks, 'all');
    for (let i = 0; i < 2; i++) await expect(policy.run(failing, { write: false })).rejects.toBeDefined();
    await policy.run(reading, { write: false });
    for (let i = 0; i < 2; i++) await expect(policy.run(failing, { write: false })).rejects.toBeDefined();
    expect(policy.circuit).toBe('closed'); // 2, reset, 2: never 3 in a row
    await expect(policy.run(failing, { write: false })).rejects.toBeDefined();
    expect(policy.circuit).toBe('open');
  });
});
