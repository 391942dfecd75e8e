import { WebhookRefusalStore } from '../../src/routing/application/ports/webhook-refusal.store.port';
import { withClient } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'tv-refusal-secret-1';

/**
 * Refused alerts are recorded (issue 15): every webhook POST answered 4xx leaves a row with the answer's
 * reason and problems, the sender, and the body without any secret; listed at GET /api/webhooks/refused.
 */
describe('refused webhooks are recorded (e2e)', () => {
  let t: TestApp;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'refusals',
      env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_IPS: undefined, RATE_LIMIT_WEBHOOK_MAX: '40' },
    });
    const admin = await t.login();
    viewer = (
      await t.request('POST', '/api/auth/api-keys', { token: admin, body: { name: 'v', role: 'viewer' } })
    ).body.key;
  });
  afterAll(() => t.close());

  const refused = async (query = '') => {
    // the recording is off the request's path: wait until the rows settle
    let last = -1;
    for (let i = 0; i < 50; i++) {
      const r = await t.request('GET', `/api/webhooks/refused${query}`, { token: viewer });
      expect(r.status).toBe(200);
      if (r.body.total === last) return r.body;
      last = r.body.total;
      await new Promise((res) => setTimeout(res, 40));
    }
    throw new Error('refusals did not settle');
  };
  const allRows = () =>
    withClient(t.db.url, async (c) => JSON.stringify((await c.query('SELECT * FROM webhook_refusals')).rows));

  it('a wrong secret: 401 recorded with its reason, the guessed secret not kept', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: 'guessed-wrong-1', ticker: 'MNQ1!', action: 'buy', quantity: 1 },
    });
    expect(r.status).toBe(401);
    const list = await refused('?status=401');
    expect(list.total).toBe(1);
    expect(list.items[0]).toEqual({
      id: expect.any(Number),
      received_at: expect.any(String),
      status: 401,
      reason: 'Invalid or missing webhook secret (body "secret" or header X-Webhook-Secret)',
      problems: [],
      ip: '127.0.0.1',
      path: '/api/webhooks/tradingview',
      body: '{"secret":"[REDACTED]","ticker":"MNQ1!","action":"buy","quantity":1}',
      suppressed_before: 0,
    });
    expect(await allRows()).not.toContain('guessed-wrong-1');
  });

  it('an invalid body: 400 recorded with every problem, the right secret not kept', async () => {
    const r = await t.request('POST', '/api/webhooks/signal', {
      body: { secret: SECRET, ticker: '{{ticker}}', action: 'hold' },
    });
    expect(r.status).toBe(400);
    const list = await refused('?status=400');
    expect(list.items[0]).toMatchObject({ status: 400, reason: r.body.message, problems: r.body.details });
    expect(list.items[0].problems.length).toBeGreaterThan(0);
    expect(list.items[0].path).toBe('/api/webhooks/signal');
    expect(await allRows()).not.toContain(SECRET);
  });

  it('a text body carrying the secret is kept without it', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      raw: `not json at all secret=${SECRET}; buy MNQ`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(r.status).toBe(400);
    const list = await refused('?status=400');
    expect(list.items[0].body).toBe('not json at all secret=[REDACTED]; buy MNQ');
    expect(await allRows()).not.toContain(SECRET);
  });

  it('a body with a NUL and a lone surrogate is still recorded (made storable)', async () => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      raw: 'nul\u0000here \ud800 lone',
      headers: { 'content-type': 'text/plain' },
    });
    expect(r.status).toBe(400);
    const list = await refused('?status=400');
    expect(list.items[0].body).toBe('nul\\u0000here \ufffd lone');
  });

  it('refusals Fastify gives before the controller: 413 (too large) and 415 (form body)', async () => {
    const big = await t.request('POST', '/api/webhooks/tradingview', {
      raw: JSON.stringify({ secret: SECRET, pad: 'x'.repeat(70 * 1024) }),
    });
    expect(big.status).toBe(413);
    const form = await t.request('POST', '/api/webhooks/tradingview', {
      raw: `secret=${SECRET}&ticker=MNQ`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const statuses = (await refused()).items.map((i: { status: number }) => i.status);
    expect(statuses).toEqual(expect.arrayContaining([413, 415]));
    expect(await allRows()).not.toContain(SECRET);
  });

  it('an accepted alert leaves no refusal; the list needs a login', async () => {
    const before = (await refused()).total;
    const ok = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: 'fine-1', ticker: 'MNQ1!', action: 'buy', quantity: 1 },
    });
    expect(ok.status).toBe(202);
    expect((await refused()).total).toBe(before);
    expect((await t.request('GET', '/api/webhooks/refused')).status).toBe(401);
    const bad = await t.request('GET', '/api/webhooks/refused?status=abc&limit=0', { token: viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.details.join(' ')).toMatch(/status/);
    expect(bad.body.details.join(' ')).toMatch(/limit/);
  });

  it('the table is bounded: each insert drops the oldest beyond the kept count', async () => {
    const store = t.app.get(WebhookRefusalStore);
    for (let i = 0; i < 5; i++)
      await store.insert(
        { status: 400, reason: `r${i}`, problems: [], ip: '10.0.0.1', path: '/x', body: null },
        0,
        3,
      );
    const rows = await withClient(t.db.url, async (c) =>
      (await c.query<{ reason: string }>('SELECT reason FROM webhook_refusals ORDER BY id')).rows.map(
        (r) => r.reason,
      ),
    );
    expect(rows).toEqual(['r2', 'r3', 'r4']);
  });

  it('a flood answered 429 is recorded as 429', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 45; i++)
      answers.push(
        (await t.request('POST', '/api/webhooks/tradingview', { body: { secret: 'x-wrong-x' } })).status,
      );
    expect(answers).toContain(429);
    await new Promise((res) => setTimeout(res, 300));
    const statuses = await withClient(t.db.url, async (c) =>
      (await c.query<{ status: number }>('SELECT status FROM webhook_refusals')).rows.map((r) => r.status),
    );
    expect(statuses).toContain(429);
  });
});
