import { ConnectorError } from '../../src/connectors/domain/connector-errors';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { PlatformHttpClients } from '../../src/connectors/infrastructure/http/platform-http-clients';
import { RestConnector } from '../../src/connectors/infrastructure/rest/rest.connector';
import { API_KEY, marketOrder } from './rest-support';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('expected a ConnectorError');
}

describe('RestConnector against the REST fake (adapter contract, no retries)', () => {
  let fake: FakePlatform;
  let clients: PlatformHttpClients;
  let rest: RestConnector;
  const connector = (apiKey = API_KEY, accountId: string | null = null) =>
    new RestConnector({
      firmCode: 'FTMO',
      config: { baseUrl: `${fake.url}/v1`, apiKey },
      http: clients.forHost(fake.url, PLATFORM_TEST_TIMEOUT_MS),
      accountId,
    });

  beforeAll(async () => {
    fake = await startRestFake({ credentials: { apiKey: API_KEY } });
    clients = new PlatformHttpClients();
  });
  afterAll(async () => {
    clients.onApplicationShutdown();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    rest = connector();
  });

  it('places a bracket order: children for stop loss and take profit, on the other side', async () => {
    const order = marketOrder({ side: 'SELL', quantity: 3, stop_loss: 21010, take_profit: 20950 });
    const placed = await rest.placeOrder(order);
    expect(placed).toMatchObject({
      status: 'FILLED',
      bracket_order_ids: [expect.any(String), expect.any(String)],
    });
    const [entry, stop, target] = fake.orders();
    expect(entry).toMatchObject({ id: placed.external_order_id, side: 'SELL', quantity: 3, type: 'MARKET' });
    expect(stop).toMatchObject({ side: 'BUY', type: 'STOP', status: 'WORKING', body: { price: 21010 } });
    expect(target).toMatchObject({ side: 'BUY', type: 'LIMIT', status: 'WORKING', body: { price: 20950 } });
    expect(placed.bracket_order_ids).toEqual([stop.id, target.id]);
    expect(fake.positions()).toEqual({ NQ: -3 });
  });

  it('sends the bearer key and an Idempotency-Key: the same key twice gives one order', async () => {
    const order = marketOrder();
    const first = await rest.placeOrder(order);
    const second = await rest.placeOrder(order);
    expect(second.external_order_id).toBe(first.external_order_id);
    expect(fake.orders()).toHaveLength(1);
    expect(fake.positions()).toEqual({ NQ: 2 });
    expect(first.raw_request).toMatchObject({ headers: { 'Idempotency-Key': order.client_order_id } });
    expect(JSON.stringify(first.raw_request)).not.toContain(API_KEY);
  });

  it('drops absent fields from the payload (seed _build_order_payload)', async () => {
    await rest.placeOrder({
      ...marketOrder(),
      entry_price: undefined,
      session: 'NY AM',
      program_ids: [1, 5],
    });
    const body = fake.orders()[0].body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'client_order_id',
      'order_type',
      'program_ids',
      'quantity',
      'session',
      'side',
      'symbol',
    ]);
  });

  it('reads status, finds by client order id, and cancels a working order', async () => {
    const limit = await rest.placeOrder(marketOrder({ order_type: 'LIMIT', entry_price: 20000 }));
    expect((await rest.getOrderStatus(limit.external_order_id)).status).toBe('WORKING');
    const found = await rest.findOrderByClientId(fake.orders()[0].clientOrderId as string);
    expect(found?.external_order_id).toBe(limit.external_order_id);
    expect(await rest.findOrderByClientId('never-sent')).toBeNull();
    expect((await rest.cancelOrder(limit.external_order_id)).status).toBe('CANCELLED');
    expect(fake.orders()[0].status).toBe('CANCELLED');
    const again = await failure(rest.cancelOrder(limit.external_order_id));
    expect([again.kind, again.message]).toEqual([
      'REJECTED',
      `order ${limit.external_order_id} is CANCELLED`,
    ]);
    expect((await failure(rest.getOrderStatus('ORD-1'))).kind).toBe('REJECTED');
  });

  it('closes a position: cancels the working brackets, then a reduce-only market order the other way', async () => {
    const entry = await rest.placeOrder(marketOrder({ quantity: 2, stop_loss: 19900, take_profit: 20100 }));
    const exit = {
      symbol: 'NQ',
      entry_side: 'BUY' as const,
      quantity: 2,
      entry_external_order_id: entry.external_order_id,
      client_order_id: 'exit-1',
    };
    const closed = await rest.closePosition(exit);
    const [, stop, target, close] = fake.orders();
    expect([stop.status, target.status]).toEqual(['CANCELLED', 'CANCELLED']);
    expect(close).toMatchObject({
      id: closed.external_order_id,
      side: 'SELL',
      quantity: 2,
      type: 'MARKET',
      status: 'FILLED',
      clientOrderId: 'exit-1',
    });
    expect(closed.raw_request).toMatchObject({ cancelled_bracket_order_ids: [stop.id, target.id] });
    expect(fake.positions()).toEqual({ NQ: 0 });
    const flat = await failure(
      rest.closePosition({ ...exit, entry_external_order_id: null, client_order_id: 'exit-2' }),
    );
    expect([flat.kind, flat.message]).toEqual(['REJECTED', 'no NQ position to reduce']);
  });

  it('one key, several accounts: orders carry account_id, lookups and exits stay in their account', async () => {
    const [a, b] = [connector(API_KEY, 'ACC-1'), connector(API_KEY, 'ACC-2')];
    const order = marketOrder();
    await a.placeOrder(order);
    await b.placeOrder(marketOrder({ quantity: 3 }));
    expect(fake.orders().map((o) => [o.accountId, o.quantity])).toEqual([
      ['ACC-1', 2],
      ['ACC-2', 3],
    ]);
    expect(fake.orders()[0].body).toMatchObject({ account_id: 'ACC-1' });
    expect(await b.findOrderByClientId(order.client_order_id)).toBeNull();
    expect(await a.findOrderByClientId(order.client_order_id)).toMatchObject({
      external_order_id: fake.orders()[0].id,
    });
    const exit = { symbol: 'NQ', entry_side: 'BUY' as const, quantity: 3, entry_external_order_id: null };
    await b.closePosition({ ...exit, client_order_id: 'exit-b' });
    expect(fake.accountPositions()).toEqual({ 'ACC-1': { NQ: 2 }, 'ACC-2': { NQ: 0 } });
    expect(rest.supportsSymbol('CL')).toBe(true);
  });

  describe('fault classification', () => {
    it('429 with Retry-After → TRANSIENT carrying the delay; nothing placed', async () => {
      fake.addFault({ fault: { kind: 'http', status: 429, retryAfterS: 2 }, times: 1 });
      const e = await failure(rest.placeOrder(marketOrder()));
      expect([e.kind, e.details.httpStatus, e.details.retryAfterMs]).toEqual(['TRANSIENT', 429, 2000]);
      expect(fake.orders()).toHaveLength(0);
    });

    it('503 → TRANSIENT', async () => {
      fake.addFault({ fault: { kind: 'http', status: 503 }, times: 1 });
      expect((await failure(rest.placeOrder(marketOrder()))).kind).toBe('TRANSIENT');
    });

    it('500 on a write → UNKNOWN_OUTCOME, on a read → TRANSIENT', async () => {
      fake.addFault({ fault: { kind: 'http', status: 500 }, times: 2 });
      expect((await failure(rest.placeOrder(marketOrder()))).kind).toBe('UNKNOWN_OUTCOME');
      expect((await failure(rest.getOrderStatus('ORD-1'))).kind).toBe('TRANSIENT');
    });

    it('a slow answer within the timeout is a normal answer', async () => {
      fake.addFault({ fault: { kind: 'slow', ms: 150 }, times: 1 });
      expect((await rest.placeOrder(marketOrder())).status).toBe('FILLED');
    });

    it('timeout after the platform acted → UNKNOWN_OUTCOME, and the order is there', async () => {
      fake.addFault({ fault: { kind: 'timeout' }, path: '/orders', times: 1 });
      const order = marketOrder();
      const e = await failure(rest.placeOrder(order));
      expect(e.kind).toBe('UNKNOWN_OUTCOME');
      expect(e.message).toMatch(/timeout/);
      expect(fake.orders().map((o) => o.clientOrderId)).toEqual([order.client_order_id]);
    });

    it('timeout on a read → TRANSIENT', async () => {
      fake.addFault({ fault: { kind: 'timeout-before' }, times: 1 });
      expect((await failure(rest.findOrderByClientId('x'))).kind).toBe('TRANSIENT');
    });

    it('connection reset → UNKNOWN_OUTCOME on a write (it was sent), TRANSIENT on a read; nothing acted on', async () => {
      fake.addFault({ fault: { kind: 'reset' }, times: 2 });
      expect((await failure(rest.placeOrder(marketOrder()))).kind).toBe('UNKNOWN_OUTCOME');
      expect((await failure(rest.getOrderStatus('ORD-1'))).kind).toBe('TRANSIENT');
      expect(fake.orders()).toHaveLength(0);
    });

    it('connection refused → TRANSIENT', async () => {
      const dead = new RestConnector({
        firmCode: 'FTMO',
        config: { baseUrl: 'http://127.0.0.1:9', apiKey: API_KEY },
        http: clients.forHost('http://127.0.0.1:9', 300),
      });
      const e = await failure(dead.placeOrder(marketOrder()));
      expect([e.kind, e.message]).toEqual(['TRANSIENT', 'ECONNREFUSED: platform unreachable']);
    });

    it('malformed JSON → UNKNOWN_OUTCOME on a write (the platform acted)', async () => {
      fake.addFault({ fault: { kind: 'malformed' }, times: 1 });
      const e = await failure(rest.placeOrder(marketOrder()));
      expect([e.kind, e.message]).toEqual([
        'UNKNOWN_OUTCOME',
        'malformed response: body is not the expected JSON',
      ]);
      expect(fake.orders()).toHaveLength(1);
    });

    it('business rejection → REJECTED with the platform text', async () => {
      fake.addFault({ fault: { kind: 'reject', reason: 'Daily loss limit reached' }, times: 1 });
      const e = await failure(rest.placeOrder(marketOrder()));
      expect([e.kind, e.message, e.details.httpStatus]).toEqual([
        'REJECTED',
        'Daily loss limit reached',
        422,
      ]);
    });

    it('invalid order → REJECTED naming the problems', async () => {
      const e = await failure(rest.placeOrder({ ...marketOrder(), quantity: 0 }));
      expect([e.kind, e.message]).toEqual(['REJECTED', 'quantity must be a number > 0']);
    });

    it('a wrong API key or an expired token → FATAL', async () => {
      expect((await failure(connector('wrong-key-000').placeOrder(marketOrder()))).kind).toBe('FATAL');
      fake.addFault({ fault: { kind: 'expired-token' }, times: 1 });
      expect((await failure(rest.getOrderStatus('ORD-1'))).kind).toBe('FATAL');
    });
  });
});
