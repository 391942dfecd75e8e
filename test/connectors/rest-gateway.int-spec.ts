import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { API_KEY, buildGateway, GatewayUnderTest, marketOrder, restFirmEnv } from './rest-support';

const posts = (fake: FakePlatform) => fake.requests().filter((r) => r.method === 'POST').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('gateway over the generic REST adapter and its fake', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;

  beforeAll(async () => {
    fake = await startRestFake({ credentials: { apiKey: API_KEY } });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    t = buildGateway(restFirmEnv('APEX', fake.url));
  });
  afterEach(() => t.close());

  it('places a market order: SUCCESS with the platform id, one order, one position', async () => {
    const order = marketOrder();
    const r = await t.gateway.placeOrder('APEX', order);
    expect(r).toMatchObject({
      status: 'SUCCESS',
      error_message: null,
      external_order_id: expect.stringMatching(/^ORD-/),
    });
    expect(r.raw_request).toMatchObject({
      method: 'POST',
      url: `${fake.url}/v1/orders`,
      data: { symbol: 'NQ', client_order_id: order.client_order_id },
    });
    expect(fake.orders()).toHaveLength(1);
    expect(fake.orders()[0]).toMatchObject({
      id: r.external_order_id,
      clientOrderId: order.client_order_id,
      status: 'FILLED',
    });
    expect(fake.positions()).toEqual({ NQ: 2 });
  });
});
