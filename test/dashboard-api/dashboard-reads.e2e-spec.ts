import { AccountRooms } from '../../src/risk/application/ports/account-rooms.port';
import { PLATFORM_SECRETS, Platforms, startPlatforms } from '../support/platforms';
import { ADMIN, TEST_JWT_SECRET } from '../support/service-process';
import { openSse, SseConnection } from '../support/sse-client';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

const SECRET = 'dashboard-reads-webhook-secret';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * The dashboard's other reads (issue 17): orders failed first, the kill switch's audit, account cards with
 * the gate's own room, equity curves with their floor, the system page without a secret; and the live
 * events of each (orders, halts, accounts).
 */
describe('dashboard reads (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let account: number;
  let stream: SseConnection;

  beforeAll(async () => {
    platforms = await startPlatforms();
    t = await startTestApp({
      label: 'dashboard_reads',
      env: {
        ...platforms.env,
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        SYNC_ENABLED: 'false',
        PROTECT_ENABLED: 'false',
      },
    });
    admin = await t.login();
    viewer = (
      await t.request('POST', '/api/auth/api-keys', { token: admin, body: { name: 'v', role: 'viewer' } })
    ).body.key;
    stream = await openSse(`${t.baseUrl}/api/events`, { 'x-api-key': viewer });
    await stream.waitFor((m) => m.event === 'ready');
    const conn = await t.request('POST', '/api/accounts/connections', {
      token: admin,
      body: platforms.connections.rest,
    });
    expect(conn.status).toBe(201);
    const acct = await t.request('POST', '/api/accounts', {
      token: admin,
      body: {
        label: 'ftmo-card',
        firm_code: 'FTMO',
        program_id: 1,
        connection_id: conn.body.id,
        platform_account: 'F-1',
        sizing_mode: 'fixed',
        fixed_quantity: 1,
      },
    });
    expect(acct.status).toBe(201);
    account = acct.body.id;
  });
  afterAll(async () => {
    stream?.close();
    await t?.close();
    await platforms?.close();
  });

  const get = (path: string, token = viewer) => t.request('GET', path, { token });
  const signal = async (tradeId: string, accounts: string) => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: tradeId, ticker: 'MNQ1!', action: 'buy', quantity: 1, accounts },
    });
    expect(r.status).toBe(202);
    await stream.waitFor((m) => m.event === 'task.updated' && m.json.data.task_id === r.body.task_id, 15_000);
    return r.body.task_id as number;
  };

  it('lists orders failed first, filters by time, and streams each order', async () => {
    await signal('orders-ok-1', 'ftmo-card');
    platforms.byFirm.FTMO.addFault({
      fault: { kind: 'reject', reason: 'insufficient margin' },
      path: 'orders',
      times: 1,
    });
    const failedTask = await signal('orders-bad-1', 'ftmo-card');
    platforms.byFirm.FTMO.clearFaults();
    await signal('orders-ok-2', 'ftmo-card');
    const newest = (await get('/api/execution/orders')).body.items.map((o: Row) => o.status);
    expect(newest).toEqual(['SUCCESS', 'FAILED', 'SUCCESS']);
    const failedFirst = (await get('/api/execution/orders?sort=failed_first')).body;
    expect(failedFirst.total).toBe(3);
    expect(failedFirst.items.map((o: Row) => [o.status, o.trade_id])).toEqual([
      ['FAILED', 'orders-bad-1'],
      ['SUCCESS', 'orders-ok-2'],
      ['SUCCESS', 'orders-ok-1'],
    ]);
    expect(failedFirst.items[0]).toMatchObject({ account_label: 'ftmo-card', task_id: failedTask });
    expect(failedFirst.items[0].error_message).toContain('insufficient margin');
    expect(
      (await get('/api/execution/orders?sort=failed_first&limit=1&offset=1')).body.items[0].trade_id,
    ).toBe('orders-ok-2');
    expect((await get('/api/execution/orders?until=2000-01-01')).body.total).toBe(0);
    expect(
      (await get(`/api/execution/orders?since=${new Date(Date.now() - 60_000).toISOString()}`)).body.total,
    ).toBe(3);
    const failedEvent = await stream.waitFor(
      (m) => m.event === 'order.updated' && m.json.data.status === 'FAILED',
    );
    expect(failedEvent.json.data).toMatchObject({
      task_id: failedTask,
      account_id: account,
      external_order_id: null,
    });
    expect(failedEvent.json.data.error_message).toContain('insufficient margin');
    // every order is streamed; its PENDING_SEND is folded into its answer when both fall in one 50 ms batch
    // (the hub sends each order's latest state per batch)
    const recent = await get(`/api/execution/orders?since=${new Date(Date.now() - 60_000).toISOString()}`);
    for (const o of recent.body.items as { client_order_id: string }[])
      await stream.waitFor(
        (m) => m.event === 'order.updated' && m.json.data.client_order_id === o.client_order_id,
      );
    for (const q of ['?sort=oldest', '?since=soon', '?until=2025-02-30', '?sort[]=newest'])
      expect((await get(`/api/execution/orders${q}`)).status).toBe(400);
  });

  it('audits the kill switch for any role: who set and cleared which halt, who flattened what', async () => {
    const halt = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { account_id: account, reason: 'audit: news at 14:30' },
    });
    expect(halt.status).toBe(201);
    const set = await stream.waitFor((m) => m.event === 'halt.set' && m.json.data.halt_id === halt.body.id);
    expect(set.json.data).toEqual({
      halt_id: halt.body.id,
      firm_code: 'FTMO',
      account_id: account,
      reason: 'audit: news at 14:30',
      by: ADMIN.username,
    });
    const flatten = await t.request('POST', `/api/accounts/${account}/flatten`, {
      token: admin,
      body: { reason: 'audit: close it' },
    });
    expect(flatten.status).toBeLessThan(300);
    expect((await t.request('DELETE', `/api/risk/halts/${halt.body.id}`, { token: admin })).status).toBe(200);
    await stream.waitFor((m) => m.event === 'halt.cleared' && m.json.data.halt_id === halt.body.id);
    const audit = await get('/api/kill-switch/audit');
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: Row) => [e.action, e.by, e.reason])).toEqual([
      ['halt_cleared', ADMIN.username, 'audit: news at 14:30'],
      ['flatten', ADMIN.username, 'audit: close it'],
      ['halt_set', ADMIN.username, 'audit: news at 14:30'],
    ]);
    expect(audit.body.items[1]).toMatchObject({
      account_id: account,
      cause: 'operator',
      outcome: expect.any(String),
    });
    expect(audit.body.items[2]).toMatchObject({ scope: 'account', firm_code: 'FTMO', halt_id: halt.body.id });
    expect((await get('/api/kill-switch/audit?limit=1')).body.items).toHaveLength(1);
    for (const q of ['?limit=0', '?limit=501', '?limit=x'])
      expect((await get(`/api/kill-switch/audit${q}`)).status).toBe(400);
    expect((await t.request('GET', '/api/kill-switch/audit')).status).toBe(401);
  });

  it('streams a halt that ends by itself as halt.cleared (expired), once, at its end', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const halt = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { account_id: account, reason: 'until the news is out', expires_at: expiresAt },
    });
    expect(halt.status).toBe(201);
    const ended = await stream.waitFor(
      (m) => m.event === 'halt.cleared' && m.json.data.halt_id === halt.body.id,
      6000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    expect(ended.json.data).toEqual({
      halt_id: halt.body.id,
      firm_code: 'FTMO',
      account_id: account,
      reason: 'until the news is out',
      by: ADMIN.username,
      expired: true,
    });
    // announced once by this process: later looks start after it
    await new Promise((r) => setTimeout(r, 1200));
    const again = stream.messages.filter(
      (m) => m.event === 'halt.cleared' && m.json.data.halt_id === halt.body.id,
    );
    expect(again).toHaveLength(1);
  });

  it("shows each account's card with the room the risk gate measures, and streams its changes", async () => {
    const put = await t.request('PUT', `/api/accounts/${account}/state`, {
      token: admin,
      body: { balance: 99_200.5, start_of_day_balance: 100_000, open_pnl: -150.25 },
    });
    expect(put.status).toBe(200);
    await stream.waitFor((m) => m.event === 'account.updated' && m.json.data.account_id === account);
    const halt = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { firm_code: 'FTMO', reason: 'card: firm stop' },
    });
    const cards = await get('/api/dashboard/accounts');
    expect(cards.status).toBe(200);
    const card = cards.body.items.find((c: Row) => c.account_id === account);
    const room = await t.app.get(AccountRooms).room(account);
    expect(card).toMatchObject({
      label: 'ftmo-card',
      firm_code: 'FTMO',
      program_id: 1,
      phase: expect.any(String),
      enabled: true,
      source: 'api',
      platform: 'rest',
      sync: null,
      halted: true,
      halts: [expect.objectContaining({ id: halt.body.id, scope: 'firm', reason: 'card: firm stop' })],
    });
    expect(card.state).toMatchObject({
      synced: false,
      balance: 99200.5,
      start_of_day_balance: 100000,
      open_pnl: -150.25,
      pnl_today: -949.75,
      equity: room!.equity.toNumber(),
      daily_loss_left: room!.dailyLossLeft?.toNumber() ?? null,
      drawdown_left: room!.drawdownLeft?.toNumber() ?? null,
      daily_loss_limit: room!.dailyLossLimit?.toNumber() ?? null,
    });
    expect(card.state.drawdown_floor).toBeCloseTo(card.state.equity - card.state.drawdown_left, 6);
    const env = cards.body.items.find((c: Row) => c.label === 'env:FTMO');
    expect(env).toMatchObject({ source: 'env', state: null, halted: true });
    expect((await get('/api/dashboard/accounts?firm_code=apex')).body.items.map((c: Row) => c.label)).toEqual(
      ['env:APEX'],
    );
    expect((await get('/api/dashboard/accounts?enabled=false')).body.total).toBe(0);
    for (const q of ['?enabled=maybe', '?firm_code=a-b', '?firm_code=%00'])
      expect((await get(`/api/dashboard/accounts${q}`)).status).toBe(400);
    await t.request('DELETE', `/api/risk/halts/${halt.body.id}`, { token: admin });
  });

  it('serves the equity curve with its drawdown floor, thinned to max_points', async () => {
    // a curve over three minutes: the trigger keeps one point per minute, backdated here
    await withClient(t.db.url, (c) =>
      c.query(`UPDATE account_equity_points SET at = at - interval '10 minutes' WHERE account_id = $1`, [
        account,
      ]),
    );
    await t.request('PUT', `/api/accounts/${account}/state`, {
      token: admin,
      body: { balance: 101_000, open_pnl: 0 },
    });
    const curve = await get(`/api/accounts/${account}/equity`);
    expect(curve.status).toBe(200);
    expect(curve.body.account_id).toBe(account);
    expect(curve.body.points.length).toBeGreaterThanOrEqual(2);
    const last = curve.body.points.at(-1);
    expect(last).toMatchObject({ balance: 101000, open_pnl: 0, equity: 101000 });
    const card = (await get('/api/dashboard/accounts')).body.items.find((c: Row) => c.account_id === account);
    expect(last.drawdown_floor).toBe(card.state.drawdown_floor);
    expect(curve.body.points.map((p: Row) => p.at)).toEqual(
      [...curve.body.points.map((p: Row) => p.at)].sort(),
    );
    expect(
      (await get(`/api/accounts/${account}/equity?max_points=2`)).body.points.length,
    ).toBeLessThanOrEqual(2);
    expect((await get(`/api/accounts/${account}/equity?until=2000-01-01`)).body.points).toEqual([]);
    for (const q of ['?max_points=1', '?max_points=5001', '?since=2026-01-02&until=2026-01-01', '?since=x'])
      expect((await get(`/api/accounts/${account}/equity${q}`)).status).toBe(400);
    expect((await get('/api/accounts/999999/equity')).status).toBe(404);
    expect((await get('/api/accounts/abc/equity')).status).toBe(400);
  });

  it('shows the system: version, mode, queue, a configuration summary without any secret', async () => {
    const r = await get('/api/dashboard/system');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      mode: 'LIVE',
      router_enabled: true,
      queue: { pending: expect.any(Number), oldest_pending_seconds: expect.any(Number) },
      accounts: { total: 4, enabled: 4 },
    });
    const entry = (name: string) => r.body.config.find((c: Row) => c.name === name);
    expect(entry('EXECUTION_DRY_RUN')).toEqual({
      name: 'EXECUTION_DRY_RUN',
      value: 'false',
      set: true,
      secret: false,
    });
    expect(entry('WEBHOOK_SECRET')).toEqual({ name: 'WEBHOOK_SECRET', value: null, set: true, secret: true });
    expect(entry('JWT_SECRET')).toMatchObject({ value: null, set: true, secret: true });
    const text = JSON.stringify(r.body);
    for (const secret of [SECRET, TEST_JWT_SECRET, ADMIN.password, ...Object.values(PLATFORM_SECRETS)])
      expect(text).not.toContain(secret);
    expect((await t.request('GET', '/api/dashboard/system')).status).toBe(401);
  });
});
