import { Logger } from '@nestjs/common';
import type { ConnectorResult } from '../../src/connectors/application/ports/connector-gateway.port';
import { CONNECTION_CONCURRENCY } from '../../src/connectors/domain/platform-rate-limits';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { API_KEY, buildGateway, GatewayUnderTest, marketOrder, restFirmEnv } from './rest-support';

describe('a platform that never answers delays only its own connection', () => {
  let hanging: FakePlatform;
  let healthy: FakePlatform;
  let t: GatewayUnderTest;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    [hanging, healthy] = await Promise.all([
      startRestFake({ credentials: { apiKey: API_KEY } }),
      startRestFake({ credentials: { apiKey: API_KEY }, accounts: [{ id: 'H-1', name: 'healthy' }] }),
    ]);
    hanging.addFault({ fault: { kind: 'timeout-before' } }); // accepts the connection, never acts, never answers
  });
  afterAll(async () => {
    await healthy.close();
  });
  afterEach(() => t.close());

  it("40 calls pile up in the hanging lane (16 in flight); another connection's 20 orders go at once", async () => {
    // The env firm hangs (5 s timeout); the other connection is an API connection on another host.
    t = buildGateway(restFirmEnv('FTMO', hanging.url, { FTMO_TIMEOUT_MS: '5000', FTMO_MAX_RETRIES: '0' }));
    const c = t.directory.addConnection({
      name: 'healthy',
      platform: 'rest',
      baseUrl: `${healthy.url}/v1`,
      credentials: { api_key: API_KEY },
    });
    const account = t.directory.addAccount(c.id, { label: 'healthy-1', platformAccount: 'H-1' });
    const stuck: Promise<ConnectorResult>[] = [];
    for (let i = 0; i < 40; i++) stuck.push(t.gateway.placeOrder(t.id('FTMO'), marketOrder()));
    await new Promise((r) => setTimeout(r, 100));
    const lane = t.gateway.connections.all().find((e) => e.subject === 'FTMO')?.lane;
    expect([lane?.inFlight, lane?.queued]).toEqual([CONNECTION_CONCURRENCY, 40 - CONNECTION_CONCURRENCY]);

    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.gateway.placeOrder(account.id, marketOrder())),
    );
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.status === 'SUCCESS')).toBe(true);
    expect(healthy.orders()).toHaveLength(20);
    // the hanging platform's 5 s timeouts are nowhere in it: waiting behind one would take 5 s or more (a CI run
    // took 2.0 s for the 20 against a 1 s bound: the machine, not a wait)
    expect(elapsed).toBeLessThan(4500);
    expect(hanging.orders()).toHaveLength(0);

    // The hanging platform goes away: its calls end (RETRY or CIRCUIT_OPEN), none throws.
    await hanging.close();
    const ended = await Promise.all(stuck);
    for (const r of ended) expect(['RETRY', 'FAILED']).toContain(r.status);
  }, 30_000);
});
