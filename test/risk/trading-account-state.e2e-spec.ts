import { Clock } from '../../src/platform/time/clock';
import { RiskCheckRequest, RiskGate } from '../../src/risk/application/ports/risk-gate.port';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from './support/risk.fakes';

// Registry seed: programs 4–6 are APEX 50k/100k/200k, 1–3 FTMO. APEX_MAX_DAILY_LOSS 1,000.
describe("a trading account's own risk state: /api/accounts/{id}/state and /fills (e2e)", () => {
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z')); // Monday 12:00 EDT
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let one: number;
  let two: number;
  let envApex: number;

  const get = (path: string, token = viewer) => t.request('GET', path, { token });
  const put = (path: string, body: unknown, token = admin) => t.request('PUT', path, { token, body });
  const post = (path: string, body: unknown, token = admin) => t.request('POST', path, { token, body });
  const fill = (id: number, side: string, quantity: number, price: number) =>
    post(`/api/accounts/${id}/fills`, { side, quantity, price, symbol: 'NQ1!' });

  beforeAll(async () => {
    t = await startTestApp({
      label: 'risk_trading_accounts',
      env: { APEX_ENABLED: 'true', APEX_PLATFORM: 'tradovate', APEX_MAX_DAILY_LOSS: '1000' },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    admin = await t.login();
    viewer = (await post('/api/auth/api-keys', { name: 'viewer', role: 'viewer' })).body.key;
    const connection = await post('/api/accounts/connections', {
      name: 'apex-login',
      platform: 'tradovate',
      environment: 'demo',
      credentials: { username: 'trader1', password: 'tradovate-pass-1', app_id: 'app', cid: '42', sec: 's' },
    });
    expect(connection.status).toBe(201);
    const account = async (label: string, platformAccount: string) => {
      const r = await post('/api/accounts', {
        label,
        firm_code: 'APEX',
        program_id: 4,
        connection_id: connection.body.id,
        platform_account: platformAccount,
        platform_account_spec: `DEMO${platformAccount}`,
      });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    one = await account('apex-1', '1001');
    two = await account('apex-2', '1002'); // same firm × program as apex-1
    const listed = await get('/api/accounts?firm_code=APEX');
    envApex = listed.body.items.find((a: { label: string }) => a.label === 'env:APEX').id;
  });
  afterAll(() => t?.close());

  it("reads a never-traded account as a fresh account at its program's size, naming the account", async () => {
    const r = await get(`/api/accounts/${one}/state`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      firm_code: 'APEX',
      program_id: 4,
      account_id: one,
      balance: 50000,
      start_of_day_balance: 50000,
      realized_pnl_today: 0,
      open_pnl: 0,
      high_water_mark_eod: 50000,
      high_water_mark_intraday: 50000,
      open_contracts: 0,
      avg_price: null,
      position_symbol: null,
      positions: [],
      source: 'manual', // typed in or never written: never stale
      confirmed_at: null,
      trading_day: '2026-03-09',
      updated_at: '2026-03-09T16:00:00.000Z',
    });
  });

  it('nets fills into one account only: the other account and the firm-level state are untouched', async () => {
    expect((await fill(one, 'buy', 2, 21500)).status).toBe(201);
    const closed = await fill(one, 'sell', 2, 21510);
    expect(closed.body).toMatchObject({
      realized_pnl: 400, // 10 points × 2 × 20
      account: { account_id: one, balance: 50400, realized_pnl_today: 400, open_contracts: 0 },
    });
    expect((await fill(two, 'buy', 1, 21500)).body.account).toMatchObject({
      account_id: two,
      balance: 50000,
      open_contracts: 1,
      avg_price: 21500,
      position_symbol: 'NQ',
    });
    expect((await get(`/api/accounts/${one}/state`)).body).toMatchObject({
      balance: 50400,
      open_contracts: 0,
    });
    expect((await get('/api/risk/accounts/APEX/4')).body).toMatchObject({
      account_id: null,
      balance: 50000,
      open_contracts: 0,
    });
  });

  it("sets fields of one account's state; the firm-level routes set the firm-level state", async () => {
    const r = await put(`/api/accounts/${two}/state`, { realized_pnl_today: -900, balance: 49100 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      account_id: two,
      realized_pnl_today: -900,
      balance: 49100,
      open_contracts: 1,
    });
    expect((await put('/api/risk/accounts/APEX/4', { balance: 50050 })).body.account_id).toBeNull();
    expect((await get(`/api/accounts/${one}/state`)).body.balance).toBe(50400);
    expect((await get(`/api/accounts/${two}/state`)).body.balance).toBe(49100);
    expect((await get('/api/risk/accounts/APEX/4')).body.balance).toBe(50050);
  });

  it('lists every stored state with its account_id (null for the firm-level one)', async () => {
    const all = await get('/api/risk/accounts');
    const rows = all.body.items.map(
      (s: { firm_code: string; program_id: number; account_id: number | null }) => [
        s.firm_code,
        s.program_id,
        s.account_id,
      ],
    );
    expect(rows).toEqual([
      ['APEX', 4, null],
      ['APEX', 4, one],
      ['APEX', 4, two],
    ]);
    expect(all.body.total).toBe(3);
  });

  it('the risk gate checks each account against its own state', async () => {
    const req = (accountId: number | null): RiskCheckRequest => ({
      firmCode: 'APEX',
      accountId,
      programIds: [4],
      eventType: 'entry',
      symbol: 'NQ1!',
      side: 'buy',
      quantity: 1,
      entryPrice: 21500,
      stopLoss: 21490, // worst case 200; account two has 100 of daily room left
      riskPercent: null,
    });
    const results = await t.app.get(RiskGate).check([req(one), req(two), req(null)]);
    expect(results.map((r) => r.rule)).toEqual([null, 'DAILY_LOSS_LIMIT', null]);
    expect(results[1].details).toMatchObject({ daily_pnl: -900, headroom: 100 });
  });

  it('answers 404 for an unknown account, 400 for a malformed id, 409 for an env:{FIRM} account', async () => {
    expect((await get('/api/accounts/999999/state')).status).toBe(404);
    expect((await fill(999999, 'buy', 1, 21500)).status).toBe(404);
    expect((await put('/api/accounts/999999/state', { balance: 1 })).status).toBe(404);
    const bad = await get('/api/accounts/abc/state');
    expect([bad.status, bad.body.details]).toEqual([400, ['id: must be a positive integer id']]);
    const env = await get(`/api/accounts/${envApex}/state`);
    expect(env.status).toBe(409);
    expect(env.body.message).toContain('/api/risk/accounts/APEX/');
    expect((await fill(envApex, 'buy', 1, 21500)).status).toBe(409);
    expect((await put(`/api/accounts/${envApex}/state`, { balance: 1 })).status).toBe(409);
  });

  it('validates bodies: 400 listing every problem, nothing stored', async () => {
    const r = await put(`/api/accounts/${one}/state`, { balance: 'lots', open_contracts: 1.5, extra: true });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('balance'),
        expect.stringContaining('open_contracts'),
        expect.stringContaining('extra'),
      ]),
    );
    const f = await post(`/api/accounts/${one}/fills`, { side: 'hold', quantity: 0, price: -1, symbol: '' });
    expect(f.status).toBe(400);
    expect(f.body.details).toHaveLength(4);
    expect((await get(`/api/accounts/${one}/state`)).body.balance).toBe(50400);
  });

  it('lets a viewer read and forbids a viewer to write; needs authentication', async () => {
    expect((await get(`/api/accounts/${one}/state`, viewer)).status).toBe(200);
    expect((await put(`/api/accounts/${one}/state`, { balance: 1 }, viewer)).status).toBe(403);
    expect((await post(`/api/accounts/${one}/fills`, {}, viewer)).status).toBe(403);
    expect((await t.request('GET', `/api/accounts/${one}/state`)).status).toBe(401);
  });
});
