import { startTestApp, TestApp } from '../support/test-app';
import { Platforms, startPlatforms } from '../support/platforms';
import { waitFor } from '../routing/support/wait';
import { withClient } from '../support/test-database';

const SECRET = 'sync-e2e-webhook-secret';
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * Issue 14's polling path, end to end: an account configured through the API at the REST fake is read
 * every SYNC_POLL_INTERVAL_MS; what the platform holds (the position PropRouter routed, its open P&L at the
 * fake's price, the fills) becomes the account's state, as the risk gate reads it.
 */
describe('platform sync by polling (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let token: string;
  let accountId: number;

  const state = async () =>
    (await t.request('GET', `/api/accounts/${accountId}/state`, { token })).body as Row;

  beforeAll(async () => {
    // the FTMO program is a 100k account: the platform holds 100,000 (at 50,000 it would be under its floor)
    platforms = await startPlatforms({
      accounts: { rest: [{ id: 'FT-1001', name: 'FT-1001', balance: '100000' }] },
    });
    t = await startTestApp({
      label: 'sync_polling',
      env: {
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_POLL_INTERVAL_MS: '200',
      },
    });
    token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.rest,
    });
    expect(conn.status).toBe(201);
    const acct = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'ftmo-sync-1',
        firm_code: 'FTMO',
        program_id: 2,
        connection_id: conn.body.id,
        platform_account: 'FT-1001',
        sizing_mode: 'fixed',
        fixed_quantity: 2,
      },
    });
    expect(acct.status).toBe(201);
    accountId = acct.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('the state comes from the platform: source, confirmation, then the routed position and its open P&L', async () => {
    await waitFor('the first sync', async () => ((await state()).source === 'platform' ? true : null));
    platforms.setPrice('NQ', '21000');
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: 'sync-1', symbol: 'NQ', action: 'buy', accounts: 'ftmo-sync-1' },
    });
    expect(r.status).toBe(202);
    const opened = await waitFor('the position to be synced', async () => {
      const s = await state();
      return s.open_contracts === 2 ? s : null;
    });
    expect(opened.open_pnl).toBe(0);
    platforms.setPrice('NQ', '21010.25');
    // 10.25 points × 20 × 2 contracts: the open P&L follows the fake's price, and the equity peak with it
    const moved = await waitFor('open P&L to follow the price', async () => {
      const s = await state();
      return s.open_pnl === 410 ? s : null;
    });
    expect(moved.high_water_mark_intraday).toBeGreaterThanOrEqual(moved.balance + 410);
    const status = await t.request('GET', '/api/sync/status', { token });
    expect(status.body.items).toEqual([
      expect.objectContaining({ mode: 'polling', last_error: null, holder: expect.any(String) }),
    ]);
  });

  it("a dead holder's connection is taken over once its lease runs out, never while it runs", async () => {
    const mine = (await t.request('GET', '/api/sync/status', { token })).body.items[0];
    // another process took the lease (1.5 s) and died: nobody renews it
    await withClient(t.db.url, (c) =>
      c.query(
        `UPDATE connection_sync SET holder = 'dead-host:1:beef', lease_until = now() + interval '1500 ms'
          WHERE connection_id = $1`,
        [mine.connection_id],
      ),
    );
    const taken = Date.now();
    await new Promise((r) => setTimeout(r, 700));
    const during = (await t.request('GET', '/api/sync/status', { token })).body.items[0];
    expect(during.holder).toBe('dead-host:1:beef');
    const back = await waitFor('the lease to be taken over', async () => {
      const s = (await t.request('GET', '/api/sync/status', { token })).body.items[0];
      return s.holder === mine.holder ? s : null;
    });
    expect(Date.now() - taken).toBeGreaterThanOrEqual(1400);
    expect(back.mode).toBe('polling');
  });
});
