import { ApiAuthGuard } from '../../src/platform/auth/api-auth.guard';
import { withClient } from '../support/test-database';
import { startTestApp, TestApp, TestAppOptions } from '../support/test-app';

const SECRET = 'tv-webhook-secret-1';
const ROTATED = 'tv-webhook-secret-2';

async function taskRows(
  t: TestApp,
): Promise<{ id: string; trade_id: string; payload: Record<string, unknown> }[]> {
  return withClient(
    t.db.url,
    async (c) => (await c.query('SELECT id, trade_id, payload FROM execution_tasks ORDER BY id')).rows,
  );
}

describe('webhook intake (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'webhook',
      env: { WEBHOOK_SECRET: `${SECRET}, ${ROTATED}`, WEBHOOK_ALLOWED_IPS: undefined },
    });
  });
  afterAll(() => t.close());

  it('queues a JSON alert with 202 after commit, and stores the normalized signal without the secret', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: 'json-1',
        ticker: 'NQ1!',
        action: 'BUY',
        quantity: '2',
        price: '21500.25',
        program_ids: [4],
      },
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      status: 'queued',
      task_id: expect.any(Number),
      trade_id: 'json-1',
      duplicate: false,
    });
    const rows = await taskRows(t);
    const row = rows.find((x) => x.trade_id === 'json-1')!;
    expect(Number(row.id)).toBe(r.body.task_id);
    expect(row.payload).toEqual({
      trade_id: 'json-1',
      event_type: 'entry',
      position_action: 'open',
      symbol: 'NQ1!',
      side: 'buy',
      quantity: 2,
      order_type: 'market',
      entry_price: 21500.25,
      stop_loss: null,
      take_profit: null,
      risk_percent: null,
      accounts: [],
      account_tags: [],
      firm_codes: [],
      program_ids: [4],
      session: null,
      bias: null,
      trail_distance: null,
      break_even_ticks: null,
    });
    const all = await withClient(t.db.url, async (c) =>
      JSON.stringify((await c.query('SELECT * FROM execution_tasks')).rows),
    );
    expect(all).not.toContain(SECRET);
  });

  it("is answered on its direct route, past Nest's per-request pipeline (the global guard runs for other routes)", async () => {
    // WebhookDirectRoute replaces the handler Nest registers: the hot route skips the guard, pipes and
    // interceptors (their checks are made by the direct handler); if it stopped being installed, only the
    // benchmark's CPU would show it, so this pins it.
    const guard = jest.spyOn(ApiAuthGuard.prototype, 'canActivate');
    try {
      for (const path of ['/api/webhooks/tradingview', '/api/webhooks/signal']) {
        const r = await t.request('POST', path, {
          body: {
            secret: SECRET,
            trade_id: `direct-${path.length}`,
            ticker: 'NQ1!',
            action: 'buy',
            quantity: 1,
          },
        });
        expect(r.status).toBe(202);
      }
      expect(guard).not.toHaveBeenCalled();
      expect((await t.request('GET', '/api/execution/tasks')).status).toBeLessThan(500);
      expect(guard).toHaveBeenCalled();
    } finally {
      guard.mockRestore();
    }
  });

  it('accepts text/plain holding JSON (TradingView), the rotated secret, and the /signal alias', async () => {
    const body = JSON.stringify({
      secret: ROTATED,
      trade_id: 'text-1',
      symbol: 'ES',
      side: 'sell',
      quantity: 1,
    });
    const r = await t.request('POST', '/api/webhooks/signal', {
      raw: body,
      headers: { 'content-type': 'text/plain' },
    });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'queued', trade_id: 'text-1' });
  });

  it('takes the secret from the X-Webhook-Secret header', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { trade_id: 'header-1', symbol: 'ES', side: 'buy', quantity: 1 },
      headers: { 'x-webhook-secret': SECRET },
    });
    expect(r.status).toBe(202);
  });

  it('answers a repeat of trade_id + event_type with 200 and the original task id, queuing nothing', async () => {
    const body = { secret: SECRET, trade_id: 'dup-1', symbol: 'NQ', side: 'buy', quantity: 1 };
    const first = await t.request('POST', '/api/webhooks/tradingview', { body });
    const again = await t.request('POST', '/api/webhooks/tradingview', {
      body: { ...body, event_type: 'ENTRY', quantity: 5 },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', task_id: first.body.task_id, duplicate: true });
    const exit = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: 'dup-1', symbol: 'NQ', action: 'close' },
    });
    expect(exit.status).toBe(202);
    expect((await taskRows(t)).filter((x) => x.trade_id === 'dup-1')).toHaveLength(2);
  });

  it('generates a trade_id when none is given', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, symbol: 'NQ', side: 'buy', quantity: 1 },
    });
    expect(r.status).toBe(202);
    expect(r.body.trade_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('places relative stops and targets against the alert price, in ticks with the contract spec', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: 'rel-1',
        ticker: 'MNQ1!',
        action: 'sell',
        quantity: 2,
        price: '21500.25',
        stopLoss: { type: 'stop', ticks: 40 },
        takeProfit: { percent: 0.1 },
      },
    });
    expect(r.status).toBe(202);
    const row = (await taskRows(t)).find((x) => x.trade_id === 'rel-1')!;
    // 40 ticks of 0.25 above a sell; 0.1 % of 21500.25 = 21.50025 below → 21478.74975 → nearest tick 21478.75
    expect(row.payload).toMatchObject({ side: 'sell', stop_loss: 21510.25, take_profit: 21478.75 });
  });

  it('answers 400 listing every problem and stores nothing', async () => {
    const before = (await taskRows(t)).length;
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: 'bad-1', side: 'up', quantity: 0, price: '{{close}}' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [
        'side: must be one of buy, sell',
        'symbol: is required (or ticker)',
        'quantity: must be a positive integer up to 1000000',
        'price: "{{close}}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)',
      ],
    });
    const plain = await t.request('POST', '/api/webhooks/tradingview', {
      raw: 'BUY NQ now',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(400);
    expect(plain.body.details).toEqual([
      'body: must be a JSON object or key=value; pairs (the text/plain body is neither)',
    ]);
    const malformed = await t.request('POST', '/api/webhooks/tradingview', {
      raw: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await taskRows(t)).length).toBe(before);
  });

  it("reads CrossTrade's key=value; text (text/plain) into the same signal, the secret never stored", async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      raw: `secret=${SECRET}; command=PLACE; instrument=NQ 12-25; action=BUY; qty=2; order_type=LIMIT; limit_price=21490.5; tif=DAY; trade_id=ct-1;`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(r.status).toBe(202);
    const row = (await taskRows(t)).find((x) => x.trade_id === 'ct-1')!;
    expect(row.payload).toMatchObject({
      symbol: 'NQ 12-25',
      side: 'buy',
      quantity: 2,
      order_type: 'limit',
      entry_price: 21490.5,
      position_action: 'open',
    });
    expect(JSON.stringify(row.payload)).not.toContain(SECRET);
  });

  it('answers a bad CrossTrade text with 400 naming every key, and stores nothing', async () => {
    const before = (await taskRows(t)).length;
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      raw: `secret=${SECRET}; command=PLACE; instrument={{ticker}}; action=BUY; qty=abc; oco_id=3; tif=IOC`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      expect.stringContaining('oco_id: unknown key'),
      expect.stringContaining('tif: must be DAY or GTC'),
      'qty: must be a number',
      'instrument: "{{ticker}}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)',
    ]);
    expect((await taskRows(t)).length).toBe(before);
  });

  it("reads PickMyTrade's JSON: 0 is not set, tp/sl are prices, trail 1 a trailing stop; its token is not kept", async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: 'pmt-1',
        symbol: 'NQ1!',
        date: '2026-12-02T14:30:00Z',
        data: 'sell',
        quantity: '1',
        risk_percentage: '0',
        price: '21500.25',
        tp: '21400',
        sl: '0',
        trail: '1',
        trail_stop: '10',
        trail_trigger: '0',
        trail_freq: '0',
        update_tp: 'false',
        update_sl: 'false',
        token: 'pmt-token-41',
        reverse_order_close: 'true',
      },
    });
    expect(r.status).toBe(202);
    const row = (await taskRows(t)).find((x) => x.trade_id === 'pmt-1')!;
    expect(row.payload).toMatchObject({
      side: 'sell',
      quantity: 1,
      take_profit: 21400,
      stop_loss: 21510.25,
      trail_distance: 10,
      risk_percent: null,
    });
    expect(JSON.stringify(row.payload)).not.toContain('pmt-token-41');
  });

  it('answers 401 for a wrong or missing secret, before validating the body', async () => {
    const wrong = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: 'not-the-secret', symbol: 'NQ', side: 'buy' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/webhook secret/);
    const missing = await t.request('POST', '/api/webhooks/tradingview', { body: { quantity: -1 } });
    expect(missing.status).toBe(401);
  });

  it('answers 413 for a body over 64 KB', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, symbol: 'NQ', side: 'buy', quantity: 1, note: 'x'.repeat(70 * 1024) },
    });
    expect(r.status).toBe(413);
    expect(r.body.statusCode).toBe(413);
  });

  // last: the account it adds is a target of every later alert
  it('refuses an alert sure to fail (a firm no account is at, an entry nothing can size) with 400, storing nothing', async () => {
    const admin = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token: admin,
      body: {
        name: 'wh-rest',
        platform: 'rest',
        environment: 'demo',
        base_url: 'http://127.0.0.1:9',
        credentials: { api_key: 'k-wh-1' },
      },
    });
    const account = await t.request('POST', '/api/accounts', {
      token: admin,
      body: {
        label: 'wh-risk-1',
        firm_code: 'APEX',
        program_id: 4,
        connection_id: conn.body.id,
        platform_account: 'W-1',
      },
    });
    expect(account.status).toBe(201);
    const before = (await taskRows(t)).length;
    const send = (body: Record<string, unknown>) =>
      t.request('POST', '/api/webhooks/tradingview', { body: { secret: SECRET, ticker: 'MNQ1!', ...body } });

    const r = await send({ action: 'buy', firm_codes: ['APEX', 'NOPE', 'ZZZ'] });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      'firm_codes: no account is at the firm "NOPE" (add one, or set NOPE_ENABLED for its env account)',
      'firm_codes: no account is at the firm "ZZZ" (add one, or set ZZZ_ENABLED for its env account)',
    ]);
    const unsized = await send({ action: 'buy', price: '21500' });
    expect(unsized.status).toBe(400);
    expect(unsized.body.details).toEqual([
      'quantity: no quantity, and no stop loss with an entry price to size from: no targeted account can size ' +
        'this entry ("wh-risk-1" (risk sizing)); give quantity (or contracts, qty), or a stop loss and price',
    ]);
    expect((await taskRows(t)).length).toBe(before);

    // a trailing stop or a break-even a REST account's platform cannot do: refused naming it
    const trailing = await send({
      action: 'buy',
      quantity: 1,
      price: '21500',
      stopLoss: { type: 'trailing_stop', trailAmount: 10 },
    });
    expect(trailing.status).toBe(400);
    expect(trailing.body.details).toEqual([
      'stopLoss.type: trailing stops are not supported on rest ("wh-risk-1"): only on tradovate, projectx; target other accounts or drop it',
    ]);
    const breakEven = await send({
      action: 'buy',
      quantity: 1,
      price: '21500',
      stop_loss: 21490,
      break_even_ticks: 8,
    });
    expect(breakEven.body.details).toEqual([
      'break_even_ticks: break-even moves are not supported on rest ("wh-risk-1"): only on tradovate; target other accounts or drop it',
    ]);
    expect((await taskRows(t)).length).toBe(before);

    // each of these can be sized (or needs no size): accepted
    expect((await send({ action: 'buy', quantity: 1 })).status).toBe(202);
    expect((await send({ action: 'buy', price: '21500', stopLoss: { points: 10 } })).status).toBe(202);
    expect((await send({ action: 'exit' })).status).toBe(202);
    expect((await send({ action: 'buy', firm_codes: ['FTMO'], accounts: [] })).status).toBe(400);
  });
});

async function withApp(opts: TestAppOptions, fn: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await startTestApp(opts);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

describe('webhook intake without a configured secret (e2e)', () => {
  it('refuses every request with a clear 503', () =>
    withApp({ label: 'webhook_nosecret', env: { WEBHOOK_SECRET: undefined } }, async (t) => {
      const r = await t.request('POST', '/api/webhooks/tradingview', {
        body: { secret: 'anything-at-all', symbol: 'NQ', side: 'buy' },
      });
      expect(r.status).toBe(503);
      expect(r.body.message).toBe('Webhook disabled: WEBHOOK_SECRET is not configured on this server');
      expect(await taskRows(t)).toEqual([]);
    }));
});

describe('webhook intake with a sender allowlist (e2e)', () => {
  const body = { secret: SECRET, symbol: 'NQ', side: 'buy', quantity: 1 };

  it("refuses a sender outside WEBHOOK_ALLOWED_IPS (TradingView's addresses) with 403", () =>
    withApp(
      {
        label: 'webhook_ips',
        env: {
          WEBHOOK_SECRET: SECRET,
          WEBHOOK_ALLOWED_IPS: '52.89.214.238, 34.212.75.30, 54.218.53.128, 52.32.178.7',
        },
      },
      async (t) => {
        const r = await t.request('POST', '/api/webhooks/tradingview', { body });
        expect(r.status).toBe(403);
        expect(await taskRows(t)).toEqual([]);
      },
    ));

  it('accepts a sender inside a listed CIDR range', () =>
    withApp(
      { label: 'webhook_ips2', env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_IPS: '127.0.0.0/8' } },
      async (t) => {
        expect((await t.request('POST', '/api/webhooks/tradingview', { body })).status).toBe(202);
      },
    ));
});
