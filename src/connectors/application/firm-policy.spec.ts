import { ConnectorError } from '../domain/connector-errors';
import { DEFAULT_RESILIENCE } from '../domain/firm-connector-settings';
import { FirmPolicy } from './firm-policy';

describe('FirmPolicy: the sync’s polls never reset the breaker’s count of failed calls', () => {
  const policy = () =>
    new FirmPolicy(
      { ...DEFAULT_RESILIENCE, maxRetries: 0, breakerThreshold: 2, breakerHalfOpenMs: 60_000 },
      { onRetry: () => {}, onBreak: () => {}, onReset: () => {} },
    );
  const failedSend = (p: FirmPolicy) =>
    p.run(() => Promise.reject(ConnectorError.transient('HTTP 503')), { write: true }).catch(() => 'failed');
  const poll = (p: FirmPolicy) => p.run(() => Promise.resolve('state'), { write: false, background: true });
  const lookup = (p: FirmPolicy) => p.run(() => Promise.resolve('order'), { write: false });

  it('opens after the threshold of failed sends even with successful polls between them', async () => {
    const p = policy();
    await failedSend(p);
    expect(await poll(p)).toBe('state');
    await failedSend(p);
    expect(p.circuit).toBe('open');
  });

  it('open, a poll fails fast too', async () => {
    const p = policy();
    await failedSend(p);
    await failedSend(p);
    await expect(poll(p)).rejects.toThrow();
  });

  it('an order-path read (a lookup before a re-send) that succeeds resets the count, as before', async () => {
    const p = policy();
    await failedSend(p);
    expect(await lookup(p)).toBe('order');
    await failedSend(p);
    expect(p.circuit).toBe('closed');
  });

  it('a successful send still resets the count', async () => {
    const p = policy();
    await failedSend(p);
    await p.run(() => Promise.resolve('ok'), { write: true });
    await failedSend(p);
    expect(p.circuit).toBe('closed');
  });
});
