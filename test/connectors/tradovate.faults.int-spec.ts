import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { count, expectKind, order, TV_CREDENTIALS, tradovateConnector } from './tradovate-support';

const PLACE = '/order/placeorder';

describe('Tradovate adapter: each fault classified', () => {
  let fake: FakePlatform;

  beforeAll(async () => {
    fake = await startTradovateFake({ credentials: TV_CREDENTIALS });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('429 with Retry-After is TRANSIENT with the delay in ms, and nothing was placed', async () => {
    fake.addFault({ fault: { kind: 'http', status: 429, retryAfterS: 2 }, path: PLACE, times: 1 });
    const error = await expectKind(tradovateConnector(fake).placeOrder(order()), 'TRANSIENT');
    expect(error.details).toMatchObject({ httpStatus: 429, retryAfterMs: 2000 });
    expect(fake.orders()).toHaveLength(0);
  });

  it('503 is TRANSIENT; 500 on a write is UNKNOWN_OUTCOME and on a read TRANSIENT', async () => {
    const tv = tradovateConnector(fake);
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: PLACE, times: 1 });
    await expectKind(tv.placeOrder(order()), 'TRANSIENT');
    fake.addFault({ fault: { kind: 'http', status: 500 }, path: PLACE, times: 1 });
    await expectKind(tv.placeOrder(order()), 'UNKNOWN_OUTCOME');
    fake.addFault({ fault: { kind: 'http', status: 500 }, path: '/order/item', times: 1 });
    await expectKind(tv.getOrderStatus('1'), 'TRANSIENT');
  });

  it('a slow answer within the timeout succeeds', async () => {
    fake.addFault({ fault: { kind: 'slow', ms: 150 }, path: PLACE, times: 1 });
    const placed = await tradovateConnector(fake).placeOrder(order());
    expect(placed.status).toBe('ACCEPTED');
  });

  it('a timeout after the platform acted is UNKNOWN_OUTCOME, and the order is then found by client id', async () => {
    const tv = tradovateConnector(fake);
    await tv.authenticate();
    fake.addFault({ fault: { kind: 'timeout' }, path: PLACE, times: 1 });
    const o = order();
    await expectKind(tv.placeOrder(o), 'UNKNOWN_OUTCOME');
    expect(fake.orders()).toHaveLength(1);
    const found = await tv.findOrderByClientId(o.client_order_id, o.symbol);
    expect(found?.external_order_id).toBe(fake.orders()[0].id);
  });

  it('a timeout before acting is UNKNOWN_OUTCOME too, and the lookup then finds nothing', async () => {
    const tv = tradovateConnector(fake);
    await tv.authenticate();
    fake.addFault({ fault: { kind: 'timeout-before' }, path: PLACE, times: 1 });
    const o = order();
    await expectKind(tv.placeOrder(o), 'UNKNOWN_OUTCOME');
    expect(await tv.findOrderByClientId(o.client_order_id, o.symbol)).toBeNull();
    expect(fake.orders()).toHaveLength(0);
  });

  it('a timeout on a read is TRANSIENT', async () => {
    const tv = tradovateConnector(fake);
    fake.addFault({ fault: { kind: 'timeout' }, path: '/order/item', times: 1 });
    await expectKind(tv.getOrderStatus('5001'), 'TRANSIENT');
  });

  it('a connection reset after sending an order is UNKNOWN_OUTCOME, on a read TRANSIENT', async () => {
    const tv = tradovateConnector(fake);
    await tv.authenticate();
    fake.addFault({ fault: { kind: 'reset' }, path: PLACE, times: 1 });
    await expectKind(tv.placeOrder(order()), 'UNKNOWN_OUTCOME');
    expect(fake.orders()).toHaveLength(0);
    fake.addFault({ fault: { kind: 'reset' }, path: '/position/list', times: 1 });
    await expectKind(tv.closePosition(exitOf('NQZ5')), 'TRANSIENT');
  });

  it('a body that is not JSON on an order is UNKNOWN_OUTCOME (the fake did act)', async () => {
    fake.addFault({ fault: { kind: 'malformed' }, path: PLACE, times: 1 });
    const error = await expectKind(tradovateConnector(fake).placeOrder(order()), 'UNKNOWN_OUTCOME');
    expect(error.message).toContain('malformed');
    expect(fake.orders()).toHaveLength(1);
  });

  it("a business rejection is REJECTED with Tradovate's failureReason and failureText", async () => {
    fake.addFault({ fault: { kind: 'reject', reason: 'SessionClosed' }, path: PLACE, times: 1 });
    const error = await expectKind(tradovateConnector(fake).placeOrder(order()), 'REJECTED');
    expect(error.message).toBe(
      'Tradovate /order/placeorder rejected: SessionClosed: Rejected by fault: SessionClosed',
    );
    expect(fake.orders()).toHaveLength(0);
  });

  it('a penalty ticket is served: wait p-time, resend the same body with the p-ticket, once placed', async () => {
    const tv = tradovateConnector(fake);
    await tv.authenticate();
    fake.addFault({ fault: { kind: 'penalty', pTime: 1 }, path: PLACE });
    const o = order();
    const started = Date.now();
    const placed = await tv.placeOrder(o);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(count(fake, PLACE)).toBe(2);
    const [record] = fake.orders();
    expect(record.id).toBe(placed.external_order_id);
    expect(record.body).toMatchObject({ clOrdId: o.client_order_id, 'p-ticket': expect.any(String) });
  });

  it('a penalty longer than 30 s is handed back as TRANSIENT with retryAfterMs, without waiting', async () => {
    fake.addFault({ fault: { kind: 'penalty', pTime: 90 }, path: PLACE });
    const error = await expectKind(tradovateConnector(fake).placeOrder(order()), 'TRANSIENT');
    expect(error.details.retryAfterMs).toBe(90_000);
    expect(fake.orders()).toHaveLength(0);
  });

  it('a penalty with p-captcha is REJECTED with a clear message and an hour to wait', async () => {
    fake.addFault({ fault: { kind: 'penalty', pTime: 5, captcha: true }, path: PLACE });
    const error = await expectKind(tradovateConnector(fake).placeOrder(order()), 'REJECTED');
    expect(error.message).toContain('p-captcha');
    expect(error.details.retryAfterMs).toBe(3_600_000);
    expect(count(fake, PLACE)).toBe(1);
  });

  it('a penalty on the token request is served the same way', async () => {
    fake.addFault({ fault: { kind: 'penalty', pTime: 0 }, path: '/auth/accesstokenrequest', times: 1 });
    const tv = tradovateConnector(fake);
    await tv.authenticate();
    expect(count(fake, '/auth/accesstokenrequest')).toBe(2);
  });

  it('connection refused is TRANSIENT', async () => {
    const gone = await startTradovateFake();
    const tv = tradovateConnector(gone);
    await gone.close();
    await expectKind(tv.authenticate(), 'TRANSIENT');
  });
});

function exitOf(symbol: string) {
  return {
    symbol,
    entry_side: 'BUY' as const,
    quantity: 1,
    entry_external_order_id: null,
    client_order_id: 'x-1',
  };
}
