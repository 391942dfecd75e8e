import { startTestApp, TestApp } from '../support/test-app';
import { PLATFORM_SECRETS, Platforms, startPlatforms } from '../support/platforms';
import { waitFor } from '../routing/support/wait';
import { control } from '../connectors/state-support';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
const PX_ACCOUNT = 465;

/**
 * Issue 14's ProjectX stream, end to end: the whole service on Postgres, a TOPSTEP account on an API
 * connection at the ProjectX fake, synced over the SignalR user hub (and the market hub for open P&L). The
 * poll interval is long (3 s), so that what happens within 1 s can only have come over the stream.
 */
describe('platform sync over the ProjectX SignalR hubs (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let token: string;
  let accountId: number;
  let pxToken: string;

  const fake = () => platforms.byFirm.TOPSTEP;
  const state = async () =>
    (await t.request('GET', `/api/accounts/${accountId}/state`, { token })).body as Row;
  const mode = async () =>
    (((await t.request('GET', '/api/sync/status', { token })).body as Row).items[0] ?? {}) as Row;
  /** An order placed by hand at the platform (not routed by PropRouter), over the Gateway's REST API. */
  const placeAtPlatform = async (body: Row) => {
    const res = await fetch(`${fake().url}/api/Order/place`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pxToken}` },
      body: JSON.stringify({ accountId: PX_ACCOUNT, contractId: 'CON.F.US.ENQ.Z25', type: 2, ...body }),
    });
    const answer = (await res.json()) as Row;
    expect(answer.success).toBe(true);
  };
  const within1s = async (what: string, probe: () => Promise<Row | null>) => {
    const started = Date.now();
    const value = await waitFor(what, probe, 3000);
    expect(Date.now() - started).toBeLessThan(1000);
    return value;
  };

  beforeAll(async () => {
    platforms = await startPlatforms({
      accounts: { projectx: [{ id: PX_ACCOUNT, name: 'TS-50K-A', balance: '50000' }] },
    });
    t = await startTestApp({
      label: 'sync_projectx_stream',
      env: { CONNECTOR_RATE_LIMITS: 'off', SYNC_POLL_INTERVAL_MS: '3000' },
    });
    token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.projectx,
    });
    expect(conn.status).toBe(201);
    const acct = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'topstep-stream-1',
        firm_code: 'TOPSTEP',
        program_id: 7,
        connection_id: conn.body.id,
        platform_account: String(PX_ACCOUNT),
        sizing_mode: 'fixed',
        fixed_quantity: 1,
      },
    });
    expect(acct.status).toBe(201);
    accountId = acct.body.id;
    const login = await fetch(`${fake().url}/api/Auth/loginKey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'pr-px-user', apiKey: PLATFORM_SECRETS.projectxApiKey }),
    });
    pxToken = ((await login.json()) as Row).token as string;
    platforms.setPrice('NQ', '21000');
    await waitFor('the stream to come up', async () => ((await mode()).mode === 'streaming' ? true : null));
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('a fill at the platform and a price move reach the account state within 1 s over the stream', async () => {
    expect(await state()).toMatchObject({ source: 'platform', balance: 50000, open_contracts: 0 });
    await placeAtPlatform({ side: 0, size: 2 });
    const opened = await within1s('the position', async () => {
      const s = await state();
      return s.open_contracts === 2 ? s : null;
    });
    expect(opened).toMatchObject({ open_pnl: 0, balance: 50000 });
    platforms.setPrice('NQ', '21010.25'); // 41 ticks × $5 × 2
    const moved = await within1s('open P&L to follow the price', async () => {
      const s = await state();
      return s.open_pnl === 410 ? s : null;
    });
    expect(moved.high_water_mark_intraday).toBeGreaterThanOrEqual(50410);
    expect((await mode()).mode).toBe('streaming');
  });

  it('a stop filled at the platform shows the account flat', async () => {
    await placeAtPlatform({ type: 4, side: 1, size: 2, stopPrice: 21000 }); // the hand-placed stop
    await new Promise((r) => setTimeout(r, 50));
    platforms.setPrice('NQ', '20999.75'); // through it: filled at 20999.75, 0.25 × 20 × 2 lost
    const flat = await within1s('the account to be flat', async () => {
      const s = await state();
      return s.open_contracts === 0 ? s : null;
    });
    expect(flat).toMatchObject({ open_pnl: 0, balance: 49990, realized_pnl_today: -10 });
  });

  it('a cut hub switches the connection to polling and back to streaming, with no trade lost', async () => {
    await control(fake(), 'refuse-streams', { ms: 1000 });
    await control(fake(), 'drop-streams', {});
    await waitFor('polling', async () => ((await mode()).mode === 'polling' ? true : null), 2000);
    await placeAtPlatform({ side: 0, size: 1 }); // a round trip while the hub is down
    platforms.setPrice('NQ', '21001');
    await placeAtPlatform({ side: 1, size: 1 }); // +1.25 points × $20 = $25
    const back = await waitFor('streaming', async () => {
      const m = await mode();
      return m.mode === 'streaming' ? m : null;
    });
    expect(back.last_error).toBeNull();
    const s = await state();
    expect(s).toMatchObject({ open_contracts: 0, balance: 50015, realized_pnl_today: 15 });
  });
});
