import { Logger } from '@nestjs/common';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { ConnectorGatewayService } from '../../src/connectors/application/connector-gateway.service';
import type { PlatformLogin } from '../../src/connectors/application/ports/broker-connector.port';
import { ConnectorFactory, LoginTarget } from '../../src/connectors/application/ports/connector-factory.port';
import type { ConnectorResult } from '../../src/connectors/application/ports/connector-gateway.port';
import type { RequestGate } from '../../src/connectors/application/rate-limiter';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { PlatformHttpClients } from '../../src/connectors/infrastructure/http/platform-http-clients';
import { PinoNestLogger } from '../../src/platform/logging/pino-nest.logger';
import { buildGateway, marketOrder, restFirmEnv } from './rest-support';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';

const SECRETS = {
  apexKey: 'apex-key-SECRET-0001',
  ftmoKey: 'ftmo-key-SECRET-0002',
  tvPassword: 'tv-password-SECRET-0003',
  tvSec: 'tv-sec-SECRET-0004',
  tvWrongPassword: 'tv-wrong-SECRET-0005',
  pxKey: 'px-key-SECRET-0006',
  tvApiPassword: 'tv-api-pw-SECRET-0007',
};

/** Records every login it builds, so the test can ask them for the tokens they obtained. */
class RecordingFactory extends ConnectorFactory {
  readonly built: PlatformLogin[] = [];
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }
  missingSettings(target: LoginTarget): string[] {
    return this.inner.missingSettings(target);
  }
  login(target: LoginTarget, gate: RequestGate): PlatformLogin {
    const login = this.inner.login(target, gate);
    this.built.push(login);
    return login;
  }
}

function tradovateEnv(firm: string, url: string, password: string): Record<string, string> {
  const p = `${firm}_TRADOVATE`;
  return {
    [`${firm}_ENABLED`]: 'true',
    [`${firm}_PLATFORM`]: 'tradovate',
    [`${firm}_BASE_URL`]: url,
    [`${firm}_TIMEOUT_MS`]: String(PLATFORM_TEST_TIMEOUT_MS),
    [`${firm}_RETRY_BASE_DELAY_MS`]: '10',
    [`${p}_USERNAME`]: 'tv-user',
    [`${p}_PASSWORD`]: password,
    [`${p}_APP_ID`]: 'PropRouter',
    [`${p}_APP_VERSION`]: '1.0',
    [`${p}_CID`]: '8',
    [`${p}_SEC`]: SECRETS.tvSec,
    [`${p}_DEVICE_ID`]: 'device-1',
    [`${p}_ACCOUNT_SPEC`]: 'DEMO123',
    [`${p}_ACCOUNT_ID`]: '4242',
  };
}

function projectXEnv(firm: string, url: string): Record<string, string> {
  return {
    [`${firm}_ENABLED`]: 'true',
    [`${firm}_PLATFORM`]: 'projectx',
    [`${firm}_BASE_URL`]: url,
    [`${firm}_API_KEY`]: SECRETS.pxKey,
    [`${firm}_PROJECTX_USERNAME`]: 'px-user',
    [`${firm}_PROJECTX_ACCOUNT_ID`]: '465',
    [`${firm}_TIMEOUT_MS`]: String(PLATFORM_TEST_TIMEOUT_MS),
    [`${firm}_RETRY_BASE_DELAY_MS`]: '10',
  };
}

describe('redaction: configured secrets and session tokens never reach a result or a log line', () => {
  let rest: FakePlatform;
  let tradovate: FakePlatform;
  let projectx: FakePlatform;
  let clients: PlatformHttpClients;
  const lines: string[] = [];

  beforeAll(async () => {
    rest = await startRestFake({ credentials: { apiKey: SECRETS.apexKey } });
    tradovate = await startTradovateFake({
      credentials: { password: SECRETS.tvPassword, sec: SECRETS.tvSec },
    });
    projectx = await startProjectXFake({ credentials: { userName: 'px-user', apiKey: SECRETS.pxKey } });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    Logger.overrideLogger(new PinoNestLogger(pino({ level: 'trace' }, sink)));
  });
  afterAll(async () => {
    Logger.overrideLogger(false);
    clients.onApplicationShutdown();
    await Promise.all([rest.close(), tradovate.close(), projectx.close()]);
  });

  it('runs every path, successes and failures, and finds none of the secrets', async () => {
    const env = {
      ...restFirmEnv('APEX', rest.url, {
        APEX_API_KEY: SECRETS.apexKey,
        APEX_MAX_RETRIES: '1',
        APEX_BREAKER_THRESHOLD: '50',
      }),
      ...restFirmEnv('FTMO', rest.url, { FTMO_API_KEY: SECRETS.ftmoKey }),
      ...tradovateEnv('MFFU', tradovate.url, SECRETS.tvPassword),
      ...tradovateEnv('TPT', tradovate.url, SECRETS.tvWrongPassword),
      ...projectXEnv('TOPSTEP', projectx.url),
      ...projectXEnv('AQUA', projectx.url),
      AQUA_PROJECTX_USERNAME: 'someone-else',
    };
    let factory!: RecordingFactory;
    let gateway: ConnectorGatewayService;
    const t = buildGateway(env, (inner) => (factory = new RecordingFactory(inner)));
    ({ gateway, clients } = t);
    const apiConnection = t.directory.addConnection({
      name: 'tv-api',
      platform: 'tradovate',
      baseUrl: tradovate.url,
      credentials: {
        username: 'tv-user',
        password: SECRETS.tvApiPassword,
        app_id: 'PropRouter',
        app_version: '1.0',
        cid: '8',
        sec: SECRETS.tvSec,
      },
    });
    const apiAccount = t.directory.addAccount(apiConnection.id, {
      label: 'tv-api-1',
      platformAccount: '4242',
      platformAccountSpec: 'DEMO123',
    });
    const results: (ConnectorResult | null)[] = [];
    const run = async (p: Promise<ConnectorResult | null>) => results.push(await p);

    const entry = await gateway.placeOrder(
      t.id('APEX'),
      marketOrder({ stop_loss: 19900, take_profit: 20100 }),
    );
    results.push(entry);
    await run(gateway.getOrderStatus(t.id('APEX'), entry.external_order_id as string));
    await run(gateway.findOrder(t.id('APEX'), 'nothing-here', 'NQ'));
    await run(
      gateway.exitPosition(t.id('APEX'), {
        symbol: 'NQ',
        entry_side: 'BUY',
        quantity: 2,
        entry_external_order_id: entry.external_order_id,
        client_order_id: 'x-exit',
      }),
    );
    await run(gateway.cancelOrder(t.id('APEX'), 'ORD-0'));
    for (const fault of [
      { kind: 'http', status: 503 },
      { kind: 'http', status: 429, retryAfterS: 0 },
      { kind: 'timeout' },
      { kind: 'reset' },
      { kind: 'malformed' },
      { kind: 'reject', reason: `nope ${SECRETS.apexKey}` },
      { kind: 'expired-token' },
    ] as const) {
      rest.addFault({ fault, times: 1 });
      await run(gateway.placeOrder(t.id('APEX'), marketOrder()));
      rest.clearFaults();
    }
    rest.addFault({ fault: { kind: 'http', status: 503 } });
    await run(gateway.placeOrder(t.id('APEX'), marketOrder()));
    rest.clearFaults();
    const ftmo = await gateway.placeOrder(t.id('FTMO'), marketOrder());
    results.push(ftmo);
    await run(gateway.placeOrder(t.id('MFFU'), marketOrder({ symbol: 'NQ1!', quantity: 1 })));
    tradovate.addFault({ fault: { kind: 'reject', reason: 'Risk' }, path: '/order/', times: 1 });
    await run(gateway.placeOrder(t.id('MFFU'), marketOrder({ symbol: 'NQ1!', quantity: 1 })));
    await run(gateway.placeOrder(t.id('TPT'), marketOrder({ symbol: 'NQ1!', quantity: 1 })));
    const px = await gateway.placeOrder(
      t.id('TOPSTEP'),
      marketOrder({ symbol: 'NQ', quantity: 1, entry_price: 20000, stop_loss: 19900 }),
    );
    results.push(px);
    await run(gateway.findOrder(t.id('TOPSTEP'), px.raw_request ? 'missing-tag' : 'x', 'NQ'));
    projectx.addFault({ fault: { kind: 'expired-token' }, path: '/Order/', times: 1 });
    await run(gateway.placeOrder(t.id('TOPSTEP'), marketOrder({ symbol: 'NQ', quantity: 1 })));
    await run(gateway.placeOrder(t.id('AQUA'), marketOrder({ symbol: 'NQ', quantity: 1 })));
    await run(gateway.placeOrder(t.id('APEX'), marketOrder()));
    // An API connection: a wrong password first (its answers and the connection test), then the right one.
    const testResults = [await gateway.testConnection(apiConnection.id)];
    await run(gateway.placeOrder(apiAccount.id, marketOrder({ symbol: 'NQ1!', quantity: 1 })));
    t.directory.updateConnection(apiConnection.id, {
      credentials: { ...apiConnection.credentials, password: SECRETS.tvPassword },
    });
    testResults.push(await gateway.testConnection(apiConnection.id));
    await run(gateway.placeOrder(apiAccount.id, marketOrder({ symbol: 'NQ1!', quantity: 1 })));

    const tokens = factory.built.flatMap(
      (c) => (c as unknown as { secrets?: () => string[] }).secrets?.() ?? [],
    );
    const secrets = [...Object.values(SECRETS), ...tokens];
    const text = JSON.stringify(results) + JSON.stringify(testResults) + lines.join('');
    expect(testResults.map((r) => r.ok)).toEqual([false, true]);
    expect(results.slice(-2).map((r) => r?.status)).toEqual(['FAILED', 'SUCCESS']);

    // The test can fail: the secrets were really in play, and the paths really ran.
    expect(tokens.filter((t) => !Object.values(SECRETS).includes(t)).length).toBeGreaterThan(0);
    expect(ftmo.error_message).toBe('FATAL: HTTP 401: invalid API key [REDACTED]');
    expect(results.map((r) => r?.status)).toEqual(expect.arrayContaining(['SUCCESS', 'FAILED', 'RETRY']));
    expect(lines.some((l) => l.includes('APEX: retry 1'))).toBe(true);
    expect(lines.some((l) => l.includes('TPT placeOrder → FAILED'))).toBe(true);
    expect(px.status).toBe('SUCCESS');
    expect(lines.some((l) => l.includes('AQUA placeOrder → FAILED'))).toBe(true);
    for (const s of secrets)
      expect({ secret: s, found: text.includes(s) }).toEqual({ secret: s, found: false });
  });
});
