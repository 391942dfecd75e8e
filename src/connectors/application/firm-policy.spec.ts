import { ConnectorError } from '../domain/connector-errors';
import { DEFAULT_RESILIENCE } from '../domain/firm-connector-settings';
import { FirmPolicy } from './firm-policy';

describe('FirmPolicy: the breaker counts failed sends; successful reads never reset it', () => {
  const policy = () =>
    new FirmPolicy(
      { ...DEFAULT_RESILIENCE, maxRetries: 0, breakerThreshold: 2, breakerHalfOpenMs: 60_000 },
      { onRetry: () => {}, onBreak: () => {}, onReset: () => {} },
    );
  const failedSend = (p: FirmPolicy) =>
    p.run(() => Promise.reject(ConnectorError.transient('HTTP 503')), { write: true }).catch(() => 'failed');
  const read = (p: FirmPolicy) => p.run(() => Promise.resolve('state'), { write: false });

  it('opens after the threshold of failed sends even with successful reads between them', async () => {
    const p = policy();
    await failedSend(p);
    expect(await read(p)).toBe('state');
    await failedSend(p);
    expect(p.circuit).toBe('open');
  });

  it('open, a read fails fast too', async () => {
    const p = policy();
    await failedSend(p);
    await failedSend(p);
    await expect(read(p)).rejects.toThrow();
  });

  it('a successful send still resets the count', async () => {
    const p = policy();
    await failedSend(p);
    await p.run(() => Promise.resolve('ok'), { write: true });
    await failedSend(p);
    expect(p.circuit).toBe('closed');
  });
});
