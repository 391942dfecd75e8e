import { BrokerConnector, PlatformOrder } from '../../src/connectors/application/ports/broker-connector.port';
import { ConnectorFactory } from '../../src/connectors/application/ports/connector-factory.port';
import {
  ConnectorGateway,
  ConnectorResult,
  FirmConnectorStatus,
} from '../../src/connectors/application/ports/connector-gateway.port';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTestApp, TestApp } from '../support/test-app';
import { API_KEY, marketOrder, restFirmEnv } from './rest-support';

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
  supportsSymbol(): boolean {
    return true;
  }
  private order(id: string): PlatformOrder {
    return { external_order_id: id, status: 'FILLED', raw_request: {}, raw_response: { id } };
  }
}

describe('ConnectorsModule wiring (e2e)', () => {
  let fake: FakePlatform;
  beforeAll(async () => {
    fake = await startRestFake({ credentials: { apiKey: API_KEY } });
  });
  afterAll(() => fake.close());

  describe('as built', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ label: 'connectors', env: restFirmEnv('APEX', fake.url) });
    });
    afterAll(() => t.close());

    it('exports a ConnectorGateway that reaches the firm through the module HTTP client', async () => {
      const r = await t.app.get(ConnectorGateway).placeOrder('APEX', marketOrder());
      expect(r).toMatchObject({ status: 'SUCCESS', external_order_id: fake.orders()[0].id });
    });

    it('GET /api/connectors/status lists every known firm, names missing settings, shows no secret', async () => {
      expect((await t.request('GET', '/api/connectors/status')).status).toBe(401);
      const r = await t.request('GET', '/api/connectors/status', { token: await t.login() });
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(11);
      expect(r.body.items[1]).toEqual({
        firm_code: 'APEX',
        platform: 'rest',
        enabled: true,
        configured: true,
        missing: [],
        circuit: 'closed',
      });
      expect(r.body.items[0]).toEqual({
        firm_code: 'FTMO',
        platform: 'rest',
        enabled: false,
        configured: false,
        missing: ['FTMO_ENABLED', 'FTMO_BASE_URL', 'FTMO_API_KEY'],
        circuit: 'closed',
      });
      expect(JSON.stringify(r.body)).not.toContain(API_KEY);
    });

    it('documents the route in the OpenAPI document', async () => {
      const doc = await t.request('GET', '/docs-json');
      const route = doc.body?.paths?.['/api/connectors/status']?.get;
      expect(route?.responses?.['200']?.content?.['application/json']?.schema?.$ref).toMatch(
        /ConnectorStatusListResponseDto$/,
      );
    });
  });

  describe('with the adapter factory swapped through DI', () => {
    let t: TestApp;
    const stub = new StubConnector('APEX');
    beforeAll(async () => {
      const factory: ConnectorFactory = { missingSettings: () => [], create: () => stub };
      t = await startTestApp({
        label: 'connectors-factory',
        env: restFirmEnv('APEX', 'http://127.0.0.1:9'),
        override: (b) => b.overrideProvider(ConnectorFactory).useValue(factory),
      });
    });
    afterAll(() => t.close());

    it('routes orders to the substitute adapter under the same policy and result mapping', async () => {
      const order = marketOrder();
      const r = await t.app.get(ConnectorGateway).placeOrder('APEX', order);
      expect(r).toEqual({
        status: 'SUCCESS',
        external_order_id: 'STUB-1',
        raw_request: {},
        raw_response: { id: 'STUB-1' },
        error_message: null,
      });
      expect(stub.placed).toEqual([order.client_order_id]);
    });
  });

  describe('with the ConnectorGateway swapped through DI', () => {
    let t: TestApp;
    const status = (firm: string): FirmConnectorStatus => ({
      firm_code: firm,
      platform: 'projectx',
      enabled: true,
      configured: true,
      missing: [],
      circuit: 'closed',
    });
    beforeAll(async () => {
      const skipped: ConnectorResult = {
        status: 'SKIPPED',
        external_order_id: null,
        raw_request: null,
        raw_response: null,
        error_message: 'stub',
      };
      const gateway: Partial<ConnectorGateway> = {
        status,
        enabledFirms: () => ['TOPSTEP'],
        placeOrder: async () => skipped,
      };
      t = await startTestApp({
        label: 'connectors-gateway',
        override: (b) => b.overrideProvider(ConnectorGateway).useValue(gateway),
      });
    });
    afterAll(() => t.close());

    it('serves the substitute to its consumers: the status route lists every known firm through it', async () => {
      const r = await t.request('GET', '/api/connectors/status', { token: await t.login() });
      expect(r.status).toBe(200);
      const firms = r.body.items.map((i: FirmConnectorStatus) => i.firm_code);
      expect(firms.slice(0, 3)).toEqual(['FTMO', 'APEX', 'TOPSTEP']);
      expect(new Set(firms).size).toBe(11);
      expect(r.body).toEqual({ total: 11, items: firms.map(status) });
    });
  });
});
