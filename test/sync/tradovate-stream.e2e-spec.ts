import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { waitFor } from '../routing/support/wait';
import { control } from '../connectors/state-support';
import { Platforms, startPlatforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

const SECRET = 'sync-stream-e2e-webhook-secret';
const ACCOUNT = { id: 7101, name: 'APEX-E2E-01', balance: '50000' };
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * Issue 14's streaming path, end to end: an Apex account on a Tradovate login configured through the API is
 * kept by the login's user WebSocket (the fake's, for real). While the stream is up the platform's REST
 * state is not read at all: the fake's request log shows that an update came over the stream.
 */
describe('platform sync over the Tradovate user stream (e2e)', () => {
  let platforms: Platforms;
  let fake: FakePlatform;
  let t: TestApp;
  let token: string;
  let accountId: number;

  const state = async () =>
    (await t.request('GET', `/api/accounts/${accountId}/state`, { token })).body as Row;
  const syncStatus = async () =>
    ((await t.request('GET', '/api/sync/status', { token })).body.items as Row[])[0];
  let trade = 0;
  const restReads = () =>
    fake.requests().filter((r) => /cashBalance|position\/list|fill\/list/i.test(r.path)).length;
  const platformNet = () => fake.accountPositions()[String(ACCOUNT.id)]?.NQZ5 ?? 0;
  const alert = async (action: 'buy' | 'sell') => {
    trade += 1;
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: `tv-stream-${trade}`,
        symbol: 'NQ',
        action,
        accounts: 'apex-stream-1',
      },
    });
    expect(r.status).toBe(202);
  };
  const fillRows = async () =>
    withClient(t.db.url, async (c) => {
      const r = await c.query<{ fill_id: string }>(
        'SELECT fill_id FROM account_fills WHERE account_id = $1',
        [accountId],
      );
      return r.rows.map((row) => row.fill_id);
    });

  beforeAll(async () => {
    platforms = await startPlatforms({ accounts: { tradovate: [ACCOUNT] } });
    fake = platforms.byFirm.APEX;
    t = await startTestApp({
      label: 'sync_tradovate_stream',
      env: {
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_POLL_INTERVAL_MS: '1000',
      },
    });
    token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.tradovate,
    });
    expect(conn.status).toBe(201);
    const acct = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'apex-stream-1',
        firm_code: 'APEX',
        program_id: 4,
        connection_id: conn.body.id,
        platform_account: String(ACCOUNT.id),
        platform_account_spec: ACCOUNT.name,
        sizing_mode: 'fixed',
        fixed_quantity: 2,
      },
    });
    expect(acct.status).toBe(201);
    accountId = acct.body.id;
    await waitFor('the stream up', async () => (await syncStatus())?.mode === 'streaming', 10_000);
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('a price move moves open P&L and the intraday high-water mark within 1 s', async () => {
    platforms.setPrice('NQ', '21000');
    await alert('buy'); // 2 contracts: the account sizes a fixed 2
    const opened = await waitFor('the position', async () => {
      const s = await state();
      return s.open_contracts === 2 ? s : null;
    });
    expect([opened.source, opened.open_pnl]).toEqual(['platform', 0]);

    const reads = restReads();
    const moved = Date.now();
    platforms.setPrice('NQ', '21010.25'); // 10.25 points × 20 × 2 contracts
    const after = await waitFor('open P&L 410', async () => {
      const s = await state();
      return s.open_pnl === 410 ? s : null;
    });
    expect(Date.now() - moved).toBeLessThan(1000);
    expect(after.high_water_mark_intraday).toBeGreaterThanOrEqual(after.balance + 410);
    expect(restReads()).toBe(reads);
  });

  it('a cut stream switches the connection to polling and back to streaming; no fill is lost', async () => {
    const before = (await fillRows()).length;
    await control(fake, 'refuse-streams', { ms: 1500 });
    await control(fake, 'drop-streams', {});
    await waitFor('polling because the stream is down', async () => {
      const s = await syncStatus();
      return s.mode === 'polling' && /^stream: Tradovate user stream: /.test(s.last_error ?? '');
    });
    const filled = fake.orders().length;
    await alert('sell'); // filled at the platform while its stream is down
    await waitFor('the sell filled at the platform', async () => fake.orders().length > filled);
    await waitFor('streaming again', async () => (await syncStatus()).mode === 'streaming', 12_000);
    await waitFor('the platform position', async () => (await state()).open_contracts === platformNet());
    // a sell while long reverses (README "Alert semantics"): each order the platform filled is booked once
    const placed = fake.orders().length - filled;
    expect(placed).toBeGreaterThanOrEqual(1);
    await waitFor('the fills booked', async () => (await fillRows()).length === before + placed);
  });

  it('a fill the platform reports twice is counted once', async () => {
    await control(fake, 'duplicate-fills', { on: true });
    const before = await fillRows();
    const orders = fake.orders().length;
    expect(platformNet()).toBe(-2);
    await alert('buy'); // a buy while short reverses: a close, then the entry
    await waitFor('long 2 at the platform', async () => platformNet() === 2);
    await waitFor('the platform position', async () => (await state()).open_contracts === platformNet());
    const placed = fake.orders().length - orders;
    await waitFor('the buy booked', async () => (await fillRows()).length >= before.length + placed);
    await new Promise((r) => setTimeout(r, 200)); // the second copy arrives in a frame of its own
    const after = await fillRows();
    expect(after).toHaveLength(before.length + placed);
    expect(new Set(after).size).toBe(after.length);
    expect((await state()).open_contracts).toBe(platformNet());
    await control(fake, 'duplicate-fills', { on: false });
  });
});
