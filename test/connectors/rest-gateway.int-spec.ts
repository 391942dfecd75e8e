import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { API_KEY, buildGateway, GatewayUnderTest, marketOrder, restFirmEnv } from './rest-support';

const calls = (fake: FakePlatform) => fake.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`);
const posts = (fake: FakePlatform) => fake.requests().filter((r) => r.method === 'POST').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('gateway over the generic REST adapter and its fake', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;
  const use = (extra: Record<string, string> = {}) => {
    t.close();
    t = buildGateway(restFirmEnv('APEX', fake.url, extra));
  };

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
    const r = await t.gateway.placeOrder(t.id('apex'), order);
    expect(r).toMatchObject({
      status: 'SUCCESS',
      error_message: null,
      external_order_id: expect.stringMatching(/^ORD-/),
    });
    expect(r.raw_request).toMatchObject({
      method: 'POST',
      url: `${fake.url}/v1/orders`,
      data: { client_order_id: order.client_order_id },
    });
    expect(r.raw_response).toMatchObject({ order_id: r.external_order_id, status: 'FILLED' });
    expect(fake.orders()).toHaveLength(1);
    expect(fake.positions()).toEqual({ NQ: 2 });
  });

  it('refuses, sending nothing, a trailing stop or a break-even move the REST API has no native order for', async () => {
    const trailing = await t.gateway.placeOrder(
      t.id('apex'),
      marketOrder({ stop_loss: 19990, trail_distance: 10 }),
    );
    expect(trailing).toMatchObject({
      status: 'FAILED',
      error_message: expect.stringContaining('rest: a trailing stop is not supported on this platform'),
    });
    const breakEven = await t.gateway.placeOrder(
      t.id('apex'),
      marketOrder({ stop_loss: 19990, break_even_ticks: 8 }),
    );
    expect(breakEven.error_message).toContain('rest: a break-even move is not supported on this platform');
    expect(fake.orders()).toEqual([]);
  });

  it('reads, finds, cancels and exits through the gateway', async () => {
    const entry = await t.gateway.placeOrder(t.id('APEX'), marketOrder({ stop_loss: 19900 }));
    const id = entry.external_order_id as string;
    expect((await t.gateway.getOrderStatus(t.id('APEX'), id)).raw_response).toMatchObject({
      status: 'FILLED',
    });
    const found = await t.gateway.findOrder(t.id('APEX'), fake.orders()[0].clientOrderId as string, 'NQ');
    expect(found).toMatchObject({ status: 'SUCCESS', external_order_id: id });
    expect(await t.gateway.findOrder(t.id('APEX'), 'unknown-client-id', 'NQ')).toBeNull();
    const stopId = fake.orders()[1].id;
    const exit = await t.gateway.exitPosition(t.id('APEX'), {
      symbol: 'NQ',
      entry_side: 'BUY',
      quantity: 2,
      entry_external_order_id: id,
      client_order_id: 'exit-a',
    });
    expect(exit.status).toBe('SUCCESS');
    expect(fake.orders().find((o) => o.id === stopId)?.status).toBe('CANCELLED');
    expect(fake.positions()).toEqual({ NQ: 0 });
    const cancelled = await t.gateway.cancelOrder(t.id('APEX'), stopId);
    expect(cancelled).toMatchObject({
      status: 'FAILED',
      error_message: `REJECTED: order ${stopId} is CANCELLED`,
    });
  });

  it('retries 503 with backoff and succeeds: the fake saw three POSTs and holds one order', async () => {
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: '/orders', times: 2 });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r.status).toBe('SUCCESS');
    expect(posts(fake)).toBe(3);
    expect(fake.orders()).toHaveLength(1);
  });

  it('gives RETRY once the retries are used up (MAX_RETRIES=2 → 3 tries)', async () => {
    fake.addFault({ fault: { kind: 'http', status: 503 } });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r).toMatchObject({
      status: 'RETRY',
      external_order_id: null,
      error_message: 'TRANSIENT: HTTP 503: fault injected',
    });
    expect(posts(fake)).toBe(3);
    expect(fake.orders()).toHaveLength(0);
  });

  it('honours Retry-After before the next try', async () => {
    fake.addFault({ fault: { kind: 'http', status: 429, retryAfterS: 1 }, times: 1 });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r.status).toBe('SUCCESS');
    const [first, second] = fake.requests();
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
  });

  it('does not wait out a Retry-After longer than RETRY_MAX_DELAY_MS: RETRY at once', async () => {
    fake.addFault({ fault: { kind: 'http', status: 429, retryAfterS: 3600 } });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r.status).toBe('RETRY');
    expect(posts(fake)).toBe(1);
  });

  it('never duplicates an order after a timeout: looks it up by client order id instead of re-sending', async () => {
    fake.addFault({ fault: { kind: 'timeout' }, path: '/orders', times: 1 });
    const order = marketOrder();
    const r = await t.gateway.placeOrder(t.id('APEX'), order);
    expect(r).toMatchObject({ status: 'SUCCESS', external_order_id: fake.orders()[0].id });
    expect(fake.orders()).toHaveLength(1);
    expect(calls(fake)).toEqual(['POST /v1/orders', 'GET /v1/orders']);
  });

  it('after a reset (outcome unknown) sends nothing more in the call; the next call looks it up, then sends it once', async () => {
    fake.addFault({ fault: { kind: 'reset' }, path: '/orders', times: 1 });
    const order = marketOrder();
    // the lookup does not find it, yet a platform holding it in a backlog could still apply it: not re-sent
    const first = await t.gateway.placeOrder(t.id('APEX'), order);
    expect(first).toMatchObject({
      status: 'RETRY',
      outcome_unknown: true,
      error_message: expect.stringMatching(/^UNKNOWN_OUTCOME: connection reset after the request was sent/),
    });
    expect(calls(fake)).toEqual(['POST /v1/orders', 'GET /v1/orders']);
    expect(fake.orders()).toHaveLength(0);
    // the re-drive's call, once the quiet period is over: looked up first, found missing, sent once
    const second = await t.gateway.placeOrder(t.id('APEX'), order);
    expect(second.status).toBe('SUCCESS');
    expect(calls(fake)).toEqual(['POST /v1/orders', 'GET /v1/orders', 'GET /v1/orders', 'POST /v1/orders']);
    expect(fake.orders()).toHaveLength(1);
  });

  it('resolves a malformed answer by lookup: SUCCESS and one order', async () => {
    fake.addFault({ fault: { kind: 'malformed' }, times: 1 });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r).toMatchObject({ status: 'SUCCESS', external_order_id: fake.orders()[0].id });
    expect(fake.orders()).toHaveLength(1);
  });

  it('remembers an unresolved send across calls (its lookup failed too): the next call looks up first', async () => {
    use({ APEX_MAX_RETRIES: '0' });
    fake.addFault({ fault: { kind: 'timeout-before' }, path: '/orders', times: 1 });
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: '/orders', times: 1 });
    const order = marketOrder();
    const first = await t.gateway.placeOrder(t.id('APEX'), order);
    expect(first).toMatchObject({
      status: 'RETRY',
      outcome_unknown: true,
      error_message: expect.stringContaining('the lookup of'),
    });
    expect(first.error_message).toContain(
      'failed too (HTTP 503: fault injected): not sent again in this call',
    );
    expect(calls(fake)).toEqual(['POST /v1/orders', 'GET /v1/orders']);
    expect(fake.orders()).toHaveLength(0);
    const second = await t.gateway.placeOrder(t.id('APEX'), order);
    expect(second.status).toBe('SUCCESS');
    expect(calls(fake)).toEqual(['POST /v1/orders', 'GET /v1/orders', 'GET /v1/orders', 'POST /v1/orders']);
    expect(fake.orders()).toHaveLength(1);
  });

  it('a business rejection is FAILED with the platform text, never retried', async () => {
    fake.addFault({ fault: { kind: 'reject', reason: 'Insufficient buying power' } });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r).toMatchObject({
      status: 'FAILED',
      error_message: 'REJECTED: Insufficient buying power',
      raw_response: { error: 'REJECTED' },
    });
    expect(posts(fake)).toBe(1);
  });

  it('bad credentials are FAILED (FATAL), never retried', async () => {
    use({ APEX_API_KEY: 'not-the-right-key' });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(r).toMatchObject({ status: 'FAILED', error_message: expect.stringMatching(/^FATAL: HTTP 401/) });
    expect(posts(fake)).toBe(1);
  });

  it('opens the circuit after BREAKER_THRESHOLD failed calls, fails fast, and closes after a good trial call', async () => {
    use({ APEX_MAX_RETRIES: '0' });
    fake.addFault({ fault: { kind: 'http', status: 503 } });
    for (let i = 0; i < 3; i++)
      expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('RETRY');
    const fast = await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect(fast).toMatchObject({
      status: 'FAILED',
      error_message: 'CIRCUIT_OPEN: APEX is failing; calls are paused',
    });
    expect(posts(fake)).toBe(3);
    expect(t.circuit('APEX')).toBe('open');
    fake.clearFaults();
    await sleep(350);
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('SUCCESS');
    expect(t.circuit('APEX')).toBe('closed');
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('SUCCESS');
    expect(posts(fake)).toBe(5);
  });

  it('a failed trial call re-opens the circuit', async () => {
    use({ APEX_MAX_RETRIES: '0', APEX_BREAKER_THRESHOLD: '1' });
    fake.addFault({ fault: { kind: 'http', status: 503 } });
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('RETRY');
    await sleep(350);
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('RETRY');
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).error_message).toMatch(/^CIRCUIT_OPEN/);
    expect(posts(fake)).toBe(2);
  });

  it('rejections do not open the circuit', async () => {
    use({ APEX_BREAKER_THRESHOLD: '1' });
    fake.addFault({ fault: { kind: 'reject' }, times: 2 });
    await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    await t.gateway.placeOrder(t.id('APEX'), marketOrder());
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('SUCCESS');
  });

  it('applies no pre-trade rule of its own: SUPPORTED_SYMBOLS and MAX_POSITION_SIZE belong to the risk gate', async () => {
    use({ APEX_SUPPORTED_SYMBOLS: 'NQ, es', APEX_MAX_POSITION_SIZE: '3' });
    const cl = await t.gateway.placeOrder(t.id('APEX'), marketOrder({ symbol: 'CL', quantity: 4 }));
    expect(cl.status).toBe('SUCCESS');
    expect(fake.orders()).toMatchObject([{ symbol: 'CL', quantity: 4 }]);
  });
});
