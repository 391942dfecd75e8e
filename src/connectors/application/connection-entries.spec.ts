import { Logger } from '@nestjs/common';
import { ConnectorError } from '../domain/connector-errors';
import type { ConnectionWithSecrets } from '../../accounts/application/ports/account-directory.port';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { ConnectionEntries } from './connection-entries';
import { ConnectorRedactor } from './connector-redactor';
import { FirmSettingsReader } from './firm-settings.reader';
import type { PlatformLogin } from './ports/broker-connector.port';
import { ConnectorFactory, LoginTarget } from './ports/connector-factory.port';

class FakeFactory extends ConnectorFactory {
  missingSettings(): string[] {
    return [];
  }
  login(target: LoginTarget): PlatformLogin {
    return { platform: target.platform, secrets: () => [] } as unknown as PlatformLogin;
  }
}

describe('ConnectionEntries: the breaker across rebuilds', () => {
  const entriesFor = (env: Record<string, string>) =>
    new ConnectionEntries(
      new FirmSettingsReader(new FirmEnvReader(env)),
      new FakeFactory(),
      new ConnectorRedactor([]),
      new Logger('test'),
    );
  const connection = (over: Partial<ConnectionWithSecrets>): ConnectionWithSecrets => ({
    id: 1,
    name: 'env:APEX',
    platform: 'tradovate',
    environment: 'demo',
    baseUrl: 'http://127.0.0.1:9',
    credentials: {},
    revision: 'r1',
    source: 'env',
    envFirm: 'APEX',
    ...over,
  });

  it('keeps the breaker when a rebuild (new credentials) leaves its settings as they were', () => {
    const entries = entriesFor({
      APEX_ENABLED: 'true',
      APEX_PLATFORM: 'tradovate',
      APEX_BREAKER_THRESHOLD: '2',
    });
    const first = entries.entry(connection({}));
    const rebuilt = entries.entry(connection({ revision: 'r2' }));
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.policy).toBe(first.policy);
    expect(rebuilt.syncPolicy).toBe(first.syncPolicy);
  });

  it("gives the sync's reads a breaker of their own: successful reads never close the orders' breaker", async () => {
    const entries = entriesFor({
      APEX_ENABLED: 'true',
      APEX_PLATFORM: 'tradovate',
      APEX_BREAKER_THRESHOLD: '2',
    });
    const entry = entries.entry(connection({}));
    expect(entry.syncPolicy).not.toBe(entry.policy);
    const failingOrder = () =>
      entry.policy
        .run(() => Promise.reject(ConnectorError.transient('HTTP 503')), { write: true })
        .catch(() => null);
    const healthyRead = () => entry.syncPolicy.run(() => Promise.resolve('state'), { write: false });
    // order, read, order: with one breaker the read between the two failures would reset its count
    await failingOrder();
    await healthyRead();
    await failingOrder();
    expect(entry.policy.circuit).toBe('open');
    expect(entry.syncPolicy.circuit).toBe('closed');
  });

  it('builds a new breaker when the settings changed (an entry first built before the env firm was set up)', () => {
    const entries = entriesFor({ APEX_ENABLED: 'true', APEX_PLATFORM: 'tradovate', APEX_TIMEOUT_MS: '500' });
    // seen first as a connection without its env firm: the defaults (30 s timeout, 30 s half-open)
    const early = entries.entry(connection({ envFirm: null, source: 'api' }));
    expect(early.resilience.timeoutMs).toBe(30_000);
    const later = entries.entry(connection({ revision: 'r2' }));
    expect(later.resilience.timeoutMs).toBe(500);
    expect(later.policy).not.toBe(early.policy);
  });
});
