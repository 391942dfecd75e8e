import { performance } from 'node:perf_hooks';
import type { FakeOrderRecord, FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { FIRMS, Platforms, startPlatforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { waitFor } from './support/wait';

/**
 * Exactly once under overload: a platform whose order endpoint holds a request in its queue past the
 * client's timeout, then applies it and answers late (the fakes' `slow` fault: the order is booked only
 * when the hold ends, so a lookup during the hold finds nothing). The send's outcome is unknown and the
 * immediate lookup finds nothing; sending it again then would place it twice (Tradovate keeps no client
 * order id unique, nor does the REST fake; ProjectX's fake refuses a second customTag, so there the count
 * of place requests tells). The order must be recorded RETRY, left alone for the quiet period (twice
 * ORDER_SEND_WINDOW_MS after its row was written), then looked up by the re-drive, found, and end SUCCESS:
 * one place request and one order at each platform.
 */
const SECRET = 'backlogged-platform-secret';
/** The client gives up after this (per request)… */
const TIMEOUT_MS = 1000;
/** …the platform applies the order after this, answering the closed connection… */
const HOLD_MS = 2500;
/** …and the re-drive looks it up no sooner than twice this after its row was written. */
const SEND_WINDOW_MS = 3000;

/** Where each fake takes an order, as its `slow` fault and its request log name it. */
const PLACE_PATH: Record<FakePlatform['name'], { fault: string; method: string; exact: RegExp }> = {
  rest: { fault: '/orders', method: 'POST', exact: /^\/v1\/orders$/ },
  tradovate: { fault: '/order/placeorder', method: 'POST', exact: /\/order\/placeorder$/i },
  projectx: { fault: '/api/Order/place', method: 'POST', exact: /^\/api\/order\/place$/i },
};

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an order held in a platform backlog past the client timeout (e2e)', () => {
  let t: TestApp;
  let token: string;
  let platforms: Platforms;

  const alert = async (tradeId: string, side: 'buy' | 'sell') => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: tradeId,
        event_type: 'entry',
        symbol: 'NQ',
        side,
        quantity: 1,
        order_type: 'market',
        firm_codes: [...FIRMS],
      },
    });
    expect(r.status).toBe(202);
    return r.body.task_id as number;
  };
  const task = async (id: number) => (await t.request('GET', `/api/execution/tasks/${id}`, { token })).body;
  const completed = (id: number) =>
    waitFor(`task ${id} to complete`, async () => {
      const body = await task(id);
      return body.status === 'COMPLETED' || body.status === 'FAILED' ? body : null;
    });
  const ordersOf = (fake: FakePlatform, taskId: number): FakeOrderRecord[] =>
    fake.orders().filter((o) => o.clientOrderId?.startsWith(`pr${taskId}-`));
  const places = (fake: FakePlatform, since: number) =>
    fake
      .requests()
      .filter((r) => r.at >= since)
      .filter((r) => r.method === PLACE_PATH[fake.name].method)
      .filter((r) => PLACE_PATH[fake.name].exact.test(r.path.split('?')[0])).length;

  beforeAll(async () => {
    platforms = await startPlatforms({
      resilience: { TIMEOUT_MS: String(TIMEOUT_MS), MAX_RETRIES: '2', RETRY_BASE_DELAY_MS: '20' },
    });
    t = await startTestApp({
      label: 'backlogged_platform',
      env: {
        ...platforms.env,
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        EXECUTION_DRY_RUN: 'false',
        PROTECT_ENABLED: 'false',
        ORDER_SEND_WINDOW_MS: String(SEND_WINDOW_MS),
        ORDER_RETRY_BASE_DELAY_MS: '200',
        ORDER_RETRY_POLL_MS: '100',
      },
    });
    token = await t.login();
    // sessions, contracts and accounts known before the backlog: only the order request is held (on a
    // loaded host a warm-up send may itself time out: it is then re-driven, as the test's order will be)
    const warmId = await alert('backlog-warm-up', 'buy');
    await waitFor(
      'the warm-up task to be ROUTED',
      async () => (await task(warmId)).outcome === 'ROUTED',
      30_000,
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('sends the order once at each platform: deferred, looked up after the quiet period, found, SUCCESS', async () => {
    for (const fake of platforms.fakes)
      fake.addFault({ fault: { kind: 'slow', ms: HOLD_MS }, path: PLACE_PATH[fake.name].fault, times: 1 });
    const since = now();
    const id = await alert('backlog-1', 'sell');

    const first = await completed(id);
    // the held requests are applied after HOLD_MS; the re-drive then finds each by its client order id
    const routed = await waitFor(
      `task ${id} to be re-driven to ROUTED`,
      async () => {
        const body = await task(id);
        return body.outcome === 'ROUTED' ? body : null;
      },
      30_000,
    );
    const routedAt = now();
    expect(routed.result.connector_results.map((c: Row) => [c.firm_code, c.status])).toEqual(
      FIRMS.map((f) => [f, 'SUCCESS']),
    );
    // every held request has been applied by now (a second copy would show below)
    await sleep(Math.max(0, since + HOLD_MS + 500 - now()));

    const atFakes = FIRMS.map((firm) => {
      const fake = platforms.byFirm[firm];
      const orders = ordersOf(fake, id);
      const result = routed.result.connector_results.find((c: Row) => c.firm_code === firm);
      return {
        firm,
        orders: orders.length,
        places: places(fake, since),
        sameOrder: orders[0]?.id === result.external_order_id,
      };
    });
    expect(atFakes).toEqual(FIRMS.map((firm) => ({ firm, orders: 1, places: 1, sameOrder: true })));

    // the task answered once every send had answered: RETRY, the outcome unknown, nothing sent again…
    expect(first.result.connector_results.map((c: Row) => [c.firm_code, c.status])).toEqual(
      FIRMS.map((f) => [f, 'RETRY']),
    );
    for (const c of first.result.connector_results) expect(c.error_message).toMatch(/^UNKNOWN_OUTCOME: /);
    // …and was neither looked up nor sent again before the quiet period: twice the send window after the row
    expect(routedAt - since).toBeGreaterThanOrEqual(2 * SEND_WINDOW_MS);
    const rows = await withClient(t.db.url, async (c) =>
      (
        await c.query<{ firm_code: string; status: string }>(
          'SELECT firm_code, status FROM orders WHERE task_id = $1 ORDER BY firm_code',
          [id],
        )
      ).rows.map((r) => [r.firm_code, r.status]),
    );
    expect(rows).toEqual([...FIRMS].sort().map((f) => [f, 'SUCCESS']));
  }, 60_000);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- result rows are asserted field by field
type Row = any;
