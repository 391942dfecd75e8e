import { startPlatforms, Platforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'signal-feed-webhook-secret';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * GET /api/execution/signals (issue 17): the dashboard's signals feed, newest first, each alert with what
 * happened per account, its filters and cursor; GET /api/execution/signals/{id}: one alert in full.
 */
describe('signals feed (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let admin: string;
  let viewer: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    platforms = await startPlatforms();
    t = await startTestApp({
      label: 'signal_feed',
      env: {
        ...platforms.env,
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        ROUTER_POLL_INTERVAL_MS: '200',
      },
    });
    admin = await t.login();
    viewer = (
      await t.request('POST', '/api/auth/api-keys', { token: admin, body: { name: 'v', role: 'viewer' } })
    ).body.key;
    const halt = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { firm_code: 'FTMO', reason: 'feed test: FTMO stopped' },
    });
    expect(halt.status).toBe(201);
    const alerts: [string, string, string][] = [
      ['a', 'MNQ1!', 'APEX'],
      ['b', 'MNQ1!', 'FTMO'],
      ['c', 'ES1!', 'TOPSTEP'],
    ];
    for (const [name, ticker, firm] of alerts) {
      const r = await t.request('POST', '/api/webhooks/tradingview', {
        body: {
          secret: SECRET,
          trade_id: `feed-${name}`,
          ticker,
          action: 'buy',
          quantity: 1,
          firm_codes: [firm],
        },
      });
      expect(r.status).toBe(202);
      ids[name] = r.body.task_id;
    }
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await t.request('GET', '/api/execution/signals?status=COMPLETED', { token: admin });
      if (r.body.items.length === 3) break;
      if (Date.now() > deadline) throw new Error('the feed tasks did not complete');
      await new Promise((res) => setTimeout(res, 50));
    }
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  const feed = (query: string, token = viewer) =>
    t.request('GET', `/api/execution/signals${query}`, { token });
  const taskIds = (body: Row) => body.items.map((i: Row) => i.task_id);

  it('lists alerts newest first with per-account decisions (a viewer reads it)', async () => {
    const r = await feed('');
    expect(r.status).toBe(200);
    expect(taskIds(r.body)).toEqual([ids.c, ids.b, ids.a]);
    expect(r.body.next_before_id).toBeNull();
    const [c, b, a] = r.body.items;
    expect(a).toMatchObject({
      trade_id: 'feed-a',
      event_type: 'entry',
      symbol: 'MNQ1!',
      side: 'buy',
      quantity: 1,
      status: 'COMPLETED',
      outcome: 'DRY_RUN',
      dry_run: true,
      received_at: expect.any(String),
      completed_at: expect.any(String),
    });
    expect(a.accounts).toEqual([
      {
        account_id: expect.any(Number),
        account_label: 'env:APEX',
        firm_code: 'APEX',
        decision: 'SKIPPED',
        stage: 'connector',
        quantity: 1,
        rule: 'GLOBAL_DRY_RUN_ENABLED',
        reason: 'GLOBAL_DRY_RUN_ENABLED',
        external_order_id: null,
      },
    ]);
    expect(b.outcome).toBe('REJECTED');
    expect(b.accounts).toEqual([
      expect.objectContaining({
        firm_code: 'FTMO',
        decision: 'REJECTED',
        stage: 'risk',
        rule: 'TRADING_HALTED',
      }),
    ]);
    expect(b.accounts[0].reason).toContain('feed test: FTMO stopped');
    expect(c).toMatchObject({ symbol: 'ES1!', outcome: 'DRY_RUN' });
  });

  it('filters by outcome, symbol, firm, account and time, and pages with the cursor', async () => {
    expect(taskIds((await feed('?outcome=REJECTED')).body)).toEqual([ids.b]);
    expect(taskIds((await feed('?symbol=es1!')).body)).toEqual([ids.c]);
    expect(taskIds((await feed('?firm_code=apex')).body)).toEqual([ids.a]);
    const ftmo = (await t.request('GET', '/api/accounts?firm_code=FTMO', { token: admin })).body.items[0].id;
    expect(taskIds((await feed(`?account_id=${ftmo}`)).body)).toEqual([ids.b]);
    expect(taskIds((await feed('?since=2000-01-01&until=2000-01-02')).body)).toEqual([]);
    const until = new Date(Date.now() + 60_000).toISOString();
    expect(taskIds((await feed(`?since=2000-01-01T00:00:00Z&until=${until}`)).body)).toHaveLength(3);
    const first = (await feed('?limit=2')).body;
    expect(taskIds(first)).toEqual([ids.c, ids.b]);
    expect(first.next_before_id).toBe(ids.b);
    const second = (await feed(`?limit=2&before_id=${first.next_before_id}`)).body;
    expect(taskIds(second)).toEqual([ids.a]);
    expect(second.next_before_id).toBeNull();
  });

  it('answers 400 naming every bad query value, never a 5xx', async () => {
    const r = await feed(
      '?outcome=WON&limit=0&since=yesterday&before_id=-1&account_id=abc&symbol=a%20b&firm_code=x-y',
    );
    expect(r.status).toBe(400);
    const text = r.body.details.join('\n');
    for (const field of ['outcome', 'limit', 'since', 'before_id', 'account_id', 'symbol', 'firm_code'])
      expect(text).toContain(field);
    for (const q of [
      '?limit=201',
      '?until=2025-13-45',
      '?status=DONE',
      '?symbol=%00',
      '?before_id=1e400',
      '?limit[]=1',
      '?symbol=../../etc/passwd',
      '?symbol=a//b',
    ])
      expect((await feed(q)).status).toBe(400);
  });

  it('needs credentials', async () => {
    expect((await t.request('GET', '/api/execution/signals')).status).toBe(401);
    expect((await t.request('GET', `/api/execution/signals/${ids.a}`)).status).toBe(401);
  });

  it('shows one alert in full: as accepted, every decision, its orders; 404 and 400 otherwise', async () => {
    const r = await t.request('GET', `/api/execution/signals/${ids.b}`, { token: viewer });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      task_id: ids.b,
      outcome: 'REJECTED',
      payload: { trade_id: 'feed-b', symbol: 'MNQ1!' },
    });
    expect(JSON.stringify(r.body.payload)).not.toContain(SECRET);
    expect(r.body.result.risk_checks[0]).toMatchObject({
      firm_code: 'FTMO',
      status: 'REJECTED',
      rule: 'TRADING_HALTED',
    });
    expect(r.body.orders).toEqual([]);
    expect(r.body.accounts[0].decision).toBe('REJECTED');
    expect((await t.request('GET', '/api/execution/signals/999999', { token: viewer })).status).toBe(404);
    expect((await t.request('GET', '/api/execution/signals/abc', { token: viewer })).status).toBe(400);
  });
});
