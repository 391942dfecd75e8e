import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { PX_CREDENTIALS, projectXConnector } from './projectx-support';
import { count, expectKind, order } from './tradovate-support';

const PLACE = '/api/Order/place';

describe('ProjectX adapter: each fault classified', () => {
  let fake: FakePlatform;

  beforeAll(async () => {
    fake = await startProjectXFake({ credentials: PX_CREDENTIALS });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('429 with Retry-After (also what a penalty fault means here) is TRANSIENT with the delay, nothing placed', async () => {
    fake.addFault({ fault: { kind: 'http', status: 429, retryAfterS: 30 }, path: PLACE, times: 1 });
    const error = await expectKind(projectXConnector(fake).placeOrder(order()), 'TRANSIENT');
    expect(error.details).toMatchObject({ httpStatus: 429, retryAfterMs: 30_000 });
    fake.addFault({ fault: { kind: 'penalty', pTime: 5 }, path: PLACE, times: 1 });
    const limited = await expectKind(projectXConnector(fake).placeOrder(order()), 'TRANSIENT');
    expect(limited.details).toMatchObject({ httpStatus: 429, retryAfterMs: 5000 });
    expect(fake.orders()).toHaveLength(0);
  });

  it('503 is TRANSIENT; 502 on a write is UNKNOWN_OUTCOME and on a read TRANSIENT', async () => {
    const px = projectXConnector(fake);
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: PLACE, times: 1 });
    await expectKind(px.placeOrder(order()), 'TRANSIENT');
    fake.addFault({ fault: { kind: 'http', status: 502 }, path: PLACE, times: 1 });
    await expectKind(px.placeOrder(order()), 'UNKNOWN_OUTCOME');
    fake.addFault({ fault: { kind: 'http', status: 502 }, path: '/api/Order/search', times: 1 });
    await expectKind(px.findOrderByClientId('x', 'NQ1!'), 'TRANSIENT');
  });

  it('a slow answer within the timeout succeeds', async () => {
    fake.addFault({ fault: { kind: 'slow', ms: 150 }, path: PLACE, times: 1 });
    expect((await projectXConnector(fake).placeOrder(order())).status).toBe('ACCEPTED');
  });

  it('after a timeout the platform acted on, the order is found by its customTag (no second send needed)', async () => {
    const px = projectXConnector(fake);
    await px.authenticate();
    fake.addFault({ fault: { kind: 'timeout' }, path: PLACE, times: 1 });
    const o = order();
    await expectKind(px.placeOrder(o), 'UNKNOWN_OUTCOME');
    const found = await px.findOrderByClientId(o.client_order_id, o.symbol);
    expect(found?.external_order_id).toBe(fake.orders()[0].id);
    expect(fake.orders()).toHaveLength(1);
  });

  it('a timeout before acting is UNKNOWN_OUTCOME and the lookup finds nothing', async () => {
    const px = projectXConnector(fake);
    await px.authenticate();
    fake.addFault({ fault: { kind: 'timeout-before' }, path: PLACE, times: 1 });
    const o = order();
    await expectKind(px.placeOrder(o), 'UNKNOWN_OUTCOME');
    expect(await px.findOrderByClientId(o.client_order_id, o.symbol)).toBeNull();
  });

  it('a timeout on the contract search (a read) is TRANSIENT', async () => {
    fake.addFault({ fault: { kind: 'timeout' }, path: '/api/Contract/search', times: 1 });
    await expectKind(projectXConnector(fake).placeOrder(order()), 'TRANSIENT');
    expect(count(fake, PLACE)).toBe(0);
  });

  it('a reset after sending is UNKNOWN_OUTCOME on a write, TRANSIENT on a read', async () => {
    const px = projectXConnector(fake);
    await px.placeOrder(order());
    fake.addFault({ fault: { kind: 'reset' }, path: PLACE, times: 1 });
    await expectKind(px.placeOrder(order()), 'UNKNOWN_OUTCOME');
    fake.addFault({ fault: { kind: 'reset' }, path: '/api/Order/search', times: 1 });
    await expectKind(px.getOrderStatus(fake.orders()[0].id), 'TRANSIENT');
    expect(fake.orders()).toHaveLength(1);
  });

  it('a body that is not JSON is UNKNOWN_OUTCOME on an order the fake did place', async () => {
    const px = projectXConnector(fake);
    await px.authenticate();
    fake.addFault({ fault: { kind: 'malformed' }, path: PLACE, times: 1 });
    await expectKind(px.placeOrder(order()), 'UNKNOWN_OUTCOME');
    expect(fake.orders()).toHaveLength(1);
  });

  it('success:false is REJECTED with the errorCode and errorMessage', async () => {
    fake.addFault({ fault: { kind: 'reject', reason: 'Daily loss limit reached' }, path: PLACE, times: 1 });
    const error = await expectKind(projectXConnector(fake).placeOrder(order()), 'REJECTED');
    expect(error.message).toBe('ProjectX /api/Order/place rejected: errorCode 2: Daily loss limit reached');
    expect(error.details.rawResponse).toEqual({
      orderId: null,
      success: false,
      errorCode: 2,
      errorMessage: 'Daily loss limit reached',
    });
  });

  it('a failed re-validation falls back to a new login', async () => {
    const shortLived = await startProjectXFake({ credentials: PX_CREDENTIALS, tokenTtlS: 1 });
    try {
      const px = projectXConnector(shortLived);
      await px.authenticate();
      shortLived.addFault({ fault: { kind: 'expired-token' }, path: '/api/Auth/validate', times: 1 });
      await new Promise((r) => setTimeout(r, 600));
      await px.placeOrder(order());
      expect(count(shortLived, '/api/Auth/validate')).toBe(1);
      expect(count(shortLived, '/api/Auth/loginKey')).toBe(2);
    } finally {
      await shortLived.close();
    }
  });
});
