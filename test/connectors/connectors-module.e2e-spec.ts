import { AccountDirectory } from '../../src/accounts/application/ports/account-directory.port';
import {
  AccountTarget,
  BrokerConnector,
  PlatformLogin,
  PlatformOrder,
} from '../../src/connectors/application/ports/broker-connector.port';
import { ConnectorFactory } from '../../src/connectors/application/ports/connector-factory.port';
import {
  ConnectorGateway,
  ConnectionTestResult,
} from '../../src/connectors/application/ports/connector-gateway.port';
import { PlatformStateReader } from '../../src/connectors/application/ports/platform-state.port';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { startTestApp, TestApp } from '../support/test-app';
import { API_KEY, marketOrder, restFirmEnv } from './rest-support';
import { TV_CREDENTIALS } from './tradovate-support';

/** A hand-written adapter standing in for a platform. */
class StubConnector extends BrokerConnector {
  readonly platform = 'rest' as const;
  readonly placed: string[] = [];
  constructor(readonly firmCode: string) {
    super();
  }
  async authenticate(): Promise<void> {}
  async placeOrder(order: { client_order_id: string }): Promise<PlatformOrder> {
    this.placed.push(order.client_order_id);
    return this.order(`STUB-${this.placed.length}`);
  }
  async findOrderByClientId(): Promise<PlatformOrder | null> {
    return null;
  }
  async getOrderStatus(id: string): Promise<PlatformOrder> {
    return this.order(id);
  }
  async cancelOrder(id: string): Promise<PlatformOrder> {
    return this.order(id);
  }
  async closePosition(): Promise<PlatformOrder> {
    return this.order('STUB-EXIT');
  }
  async placeStop(): Promise<PlatformOrder> {
    return this.order('STUB-STOP');
  }
  async resizeOrder(): Promise<PlatformOrder> {
    return this.order('STUB-RESIZE');
  }
  async readPosition(symbol: string) {
    return { symbol, netQuantity: 0, workingOrders: [] };
  }
  supportsSymbol(): boolean {
    return true;
  }
  private order(id: string): PlatformOrder {
    return { external_order_id: id, status: 'FILLED', raw_request: {}, raw_response: { id } };
  }
}

class StubLogin extends PlatformLogin {
  readonly platform = 'rest' as const;
  readonly stub = new StubConnector('APEX');
  async authenticate(): Promise<void> {}
  async listAccounts() {
    return [{ platform_account: 'S-1', name: 'stub' }];
  }
  connector(_account: AccountTarget): BrokerConnector {
    return this.stub;
  }
  async readState() {
    const money = { balance: '50000', openPnl: '12.5', realizedPnl: null };
    return { ...money, positions: [], fills: [], workingOrders: [] };
  }
  secrets(): string[] {
    return [];
  }
}

/** The id of the `env:{FIRM}` account the accounts context made from `{FIRM}_*`. */
async function envAccountId(t: TestApp, firm: string): Promise<number> {
  const filter = { accounts: [`env:${firm}`], tags: [], firmCodes: [], programIds: [] };
  const targets = await t.app.get(AccountDirectory, { strict: false }).resolveTargets(filter);
  if (!targets.ok || targets.accounts.length !== 1) throw new Error(`no env:${firm} account`);
  return targets.accounts[0].id;
}

describe('ConnectorsModule wiring (e2e)', () => {
  let fake: FakePlatform;
  let tradovate: FakePlatform;
  beforeAll(async () => {
    fake = await startRestFake({ credentials: { apiKey: API_KEY } });
    tradovate = await startTradovateFake({
      credentials: TV_CREDENTIALS,
      accounts: [
        { id: 7101, name: 'APEX-A' },
        { id: 7102, name: 'APEX-B' },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([fake.close(), tradovate.close()]);
  });

  describe('as built', () => {
    let t: TestApp;
    let admin: string;
    let viewer: string;
    beforeAll(async () => {
      t = await startTestApp({ label: 'connectors', env: restFirmEnv('APEX', fake.url) });
      admin = await t.login();
      const key = await t.request('POST', '/api/auth/api-keys', {
        token: admin,
        body: { name: 'viewer', role: 'viewer' },
      });
      viewer = key.body.key;
    });
    afterAll(() => t.close());

    it('exports a ConnectorGateway that reaches the env account through the module HTTP client', async () => {
      const r = await t.app.get(ConnectorGateway).placeOrder(await envAccountId(t, 'APEX'), marketOrder());
      expect(r).toMatchObject({ status: 'SUCCESS', external_order_id: fake.orders()[0].id });
    });

    it('POST /api/accounts/connections/{id}/test: admin only, 404 unknown, lists accounts, never a credential', async () => {
      const created = await t.request('POST', '/api/accounts/connections', {
        token: admin,
        body: {
          name: 'apex-login',
          platform: 'tradovate',
          environment: 'demo',
          base_url: tradovate.url,
          credentials: { ...TV_CREDENTIALS, cid: TV_CREDENTIALS.cid },
        },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as number;
      const test = (token: string, connection = id) =>
        t.request('POST', `/api/accounts/connections/${connection}/test`, { token });
      expect((await test(viewer)).status).toBe(403);
      expect((await test(admin, 999_999)).status).toBe(404);
      expect((await test(admin, 0)).status).toBe(400);
      const ok = await test(admin);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({
        ok: true,
        accounts: [
          { platform_account: '7101', name: 'APEX-A' },
          { platform_account: '7102', name: 'APEX-B' },
        ],
      });
      const wrong = 'wrong-Password-90817';
      await t.request('PATCH', `/api/accounts/connections/${id}`, {
        token: admin,
        body: { credentials: { password: wrong } },
      });
      const failed = await test(admin);
      expect(failed.status).toBe(200);
      expect(failed.body).toEqual({
        ok: false,
        error: expect.stringContaining('Incorrect username or password'),
      });
      const text = JSON.stringify([ok.body, failed.body]);
      for (const secret of [wrong, TV_CREDENTIALS.password, TV_CREDENTIALS.sec])
        expect(text).not.toContain(secret);
    });

    it('GET /api/connectors/status lists each connection: configured, missing names, breaker, limits; no secret', async () => {
      expect((await t.request('GET', '/api/connectors/status')).status).toBe(401);
      const r = await t.request('GET', '/api/connectors/status', { token: viewer });
      expect(r.status).toBe(200);
      const env = r.body.items.find((i: { name: string }) => i.name === 'env:APEX');
      expect(env).toEqual({
        connection_id: expect.any(Number),
        name: 'env:APEX',
        platform: 'rest',
        source: 'env',
        configured: true,
        missing: [],
        circuit: 'closed',
        rate_limit: { tokens: null, queued: 0 },
        in_flight: 0,
        waiting: 0,
      });
      const api = r.body.items.find((i: { name: string }) => i.name === 'apex-login');
      expect(api).toMatchObject({ platform: 'tradovate', source: 'api', configured: true });
      expect(api.rate_limit.tokens).toBeGreaterThan(900);
      expect(r.body.total).toBe(r.body.items.length);
      expect(JSON.stringify(r.body)).not.toContain(API_KEY);
    });

    it('documents the routes in the OpenAPI document', async () => {
      const doc = await t.request('GET', '/docs-json');
      const status = doc.body?.paths?.['/api/connectors/status']?.get;
      expect(status?.responses?.['200']?.content?.['application/json']?.schema?.$ref).toMatch(
        /ConnectorStatusListResponseDto$/,
      );
      const test = doc.body?.paths?.['/api/accounts/connections/{id}/test']?.post;
      expect(test?.responses?.['200']?.content?.['application/json']?.schema?.$ref).toMatch(
        /ConnectionTestResponseDto$/,
      );
    });
  });

  describe('with the adapter factory swapped through DI', () => {
    let t: TestApp;
    const login = new StubLogin();
    beforeAll(async () => {
      const factory: ConnectorFactory = { missingSettings: () => [], login: () => login };
      t = await startTestApp({
        label: 'connectors-factory',
        env: restFirmEnv('APEX', 'http://127.0.0.1:9'),
        override: (b) => b.overrideProvider(ConnectorFactory).useValue(factory),
      });
    });
    afterAll(() => t.close());

    it('routes orders to the substitute adapter under the same policy and result mapping', async () => {
      const order = marketOrder();
      const r = await t.app.get(ConnectorGateway).placeOrder(await envAccountId(t, 'APEX'), order);
      expect(r).toEqual({
        status: 'SUCCESS',
        external_order_id: 'STUB-1',
        raw_request: {},
        raw_response: { id: 'STUB-1' },
        error_message: null,
      });
      expect(login.stub.placed).toEqual([order.client_order_id]);
    });

    it('exports a PlatformStateReader reading through the same connection logins', async () => {
      const accountId = await envAccountId(t, 'APEX');
      const snapshot = await t.app.get(PlatformStateReader).snapshot(accountId, null);
      expect(snapshot).toEqual({
        accountId,
        balance: '50000',
        openPnl: '12.5',
        realizedPnl: null,
        positions: [],
        fills: [],
        workingOrders: [],
        readAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });
  });

  describe('with the ConnectorGateway swapped through DI', () => {
    let t: TestApp;
    beforeAll(async () => {
      const answer: ConnectionTestResult = { ok: false, error: 'stubbed' };
      const gateway: Partial<ConnectorGateway> = { testConnection: async () => answer };
      t = await startTestApp({
        label: 'connectors-gateway',
        env: { APEX_ENABLED: 'true', APEX_PLATFORM: 'tradovate' },
        override: (b) => b.overrideProvider(ConnectorGateway).useValue(gateway),
      });
    });
    afterAll(() => t.close());

    it('serves the substitute to its consumers: the connection test answers through it', async () => {
      const token = await t.login();
      const list = await t.request('GET', '/api/accounts/connections', { token });
      const id = list.body.items[0].id as number;
      const r = await t.request('POST', `/api/accounts/connections/${id}/test`, { token });
      expect(r).toMatchObject({ status: 200, body: { ok: false, error: 'stubbed' } });
    });
  });
});
