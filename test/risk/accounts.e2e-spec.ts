import { Clock } from '../../src/platform/time/clock';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from './support/risk.fakes';

// Registry seed: program ids 4–6 are APEX 50k/100k/200k, 1–3 FTMO.
describe('risk account state API (e2e)', () => {
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z')); // Monday 12:00 EDT
  let t: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'risk_accounts',
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    admin = await t.login();
    await t.request('POST', '/api/auth/users', {
      token: admin,
      body: { username: 'vic', password: 'viewer-pass-1', role: 'viewer' },
    });
    viewer = await t.login('vic', 'viewer-pass-1');
  });
  afterAll(() => t?.close());

  it('requires authentication', async () => {
    expect((await t.request('GET', '/api/risk/accounts')).status).toBe(401);
    expect((await t.request('GET', '/api/risk/accounts/APEX/4')).status).toBe(401);
    expect((await t.request('POST', '/api/risk/accounts/APEX/4/fills', { body: {} })).status).toBe(401);
  });

  it('reads a program never traded as a fresh account at its size, with JSON numbers', async () => {
    const r = await t.request('GET', '/api/risk/accounts/apex/4', { token: viewer });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      firm_code: 'APEX',
      program_id: 4,
      account_id: null, // the firm-level state
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

  it('answers 404 for a program of another firm or an unknown one, 400 for a bad id', async () => {
    expect((await t.request('GET', '/api/risk/accounts/APEX/1', { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/risk/accounts/APEX/99999', { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/risk/accounts/APEX/four', { token: admin })).status).toBe(400);
  });

  it('lets a viewer read and forbids a viewer to write (403)', async () => {
    expect(
      (await t.request('PUT', '/api/risk/accounts/APEX/5', { token: viewer, body: { balance: 1 } })).status,
    ).toBe(403);
    const fill = { side: 'buy', quantity: 1, price: 21500, symbol: 'NQ' };
    expect(
      (await t.request('POST', '/api/risk/accounts/APEX/5/fills', { token: viewer, body: fill })).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/risk/accounts', { token: viewer })).status).toBe(200);
  });

  it('PUT sets any subset of fields; the others keep their values', async () => {
    const first = await t.request('PUT', '/api/risk/accounts/APEX/5', {
      token: admin,
      body: { realized_pnl_today: -300.25, open_pnl: 50 },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      balance: 100000,
      realized_pnl_today: -300.25,
      open_pnl: 50,
      program_id: 5,
    });
    const second = await t.request('PUT', '/api/risk/accounts/APEX/5', {
      token: admin,
      body: { balance: 99699.75, position_symbol: 'NQZ5' },
    });
    expect(second.body).toMatchObject({
      balance: 99699.75,
      realized_pnl_today: -300.25,
      open_pnl: 50,
      position_symbol: 'NQ',
    });
    const read = await t.request('GET', '/api/risk/accounts/APEX/5', { token: viewer });
    expect(read.body).toEqual(second.body);
  });

  it('PUT validates every field and names every problem', async () => {
    const r = await t.request('PUT', '/api/risk/accounts/APEX/5', {
      token: admin,
      body: { balance: 'lots', open_contracts: 1.5, trading_day: '2026-02-30', avg_price: -1, extra: true },
    });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('balance'),
        expect.stringContaining('open_contracts'),
        expect.stringContaining('trading_day'),
        expect.stringContaining('avg_price'),
        expect.stringContaining('extra'),
      ]),
    );
    expect(
      (
        await t.request('PUT', '/api/risk/accounts/APEX/5', {
          token: admin,
          body: { position_symbol: 'XYZ' },
        })
      ).status,
    ).toBe(400);
  });

  it('records fills: position, average price, realized P&L, balance and the intraday high-water mark', async () => {
    const buy = await t.request('POST', '/api/risk/accounts/APEX/4/fills', {
      token: admin,
      body: { side: 'BUY', quantity: 2, price: 21500.25, symbol: 'CME_MINI:NQ1!' },
    });
    expect(buy.status).toBe(201);
    expect(buy.body).toEqual({
      realized_pnl: 0,
      account: expect.objectContaining({
        open_contracts: 2,
        avg_price: 21500.25,
        position_symbol: 'NQ',
        balance: 50000,
      }),
    });
    const sell = await t.request('POST', '/api/risk/accounts/APEX/4/fills', {
      token: admin,
      body: { side: 'sell', quantity: 2, price: 21550.5, symbol: 'NQM6', filled_at: '2026-03-09T16:30:00Z' },
    });
    expect(sell.body.realized_pnl).toBe(2010); // 50.25 points × 2 × 20
    expect(sell.body.account).toMatchObject({
      balance: 52010,
      realized_pnl_today: 2010,
      high_water_mark_intraday: 52010,
      high_water_mark_eod: 50000,
      open_contracts: 0,
      avg_price: null,
      position_symbol: null,
    });
  });

  it('refuses to net a fill in another contract into an open position (409)', async () => {
    await t.request('POST', '/api/risk/accounts/APEX/6/fills', {
      token: admin,
      body: { side: 'buy', quantity: 1, price: 5000, symbol: 'ES' },
    });
    const r = await t.request('POST', '/api/risk/accounts/APEX/6/fills', {
      token: admin,
      body: { side: 'sell', quantity: 1, price: 21000, symbol: 'NQ' },
    });
    expect(r.status).toBe(409);
  });

  it('validates fills, naming every problem', async () => {
    const r = await t.request('POST', '/api/risk/accounts/APEX/4/fills', {
      token: admin,
      body: { side: 'hold', quantity: 0, price: -5, filled_at: 'yesterday' },
    });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual(
      expect.arrayContaining(
        ['side', 'quantity', 'price', 'symbol', 'filled_at'].map((f) => expect.stringContaining(f)),
      ),
    );
    const unknown = await t.request('POST', '/api/risk/accounts/APEX/4/fills', {
      token: admin,
      body: { side: 'buy', quantity: 1, price: 1, symbol: 'XYZ' },
    });
    expect([unknown.status, unknown.body.details]).toEqual([400, [expect.stringContaining('symbol')]]);
  });

  it('rolls the trading day at 17:00 New York, daylight saving included (17:00 EDT = 21:00Z)', async () => {
    clock.set('2026-03-09T20:59:00Z');
    expect((await t.request('GET', '/api/risk/accounts/APEX/4', { token: admin })).body).toMatchObject({
      trading_day: '2026-03-09',
      realized_pnl_today: 2010,
    });
    clock.set('2026-03-09T21:00:00Z');
    expect((await t.request('GET', '/api/risk/accounts/APEX/4', { token: admin })).body).toMatchObject({
      trading_day: '2026-03-10',
      realized_pnl_today: 0,
      start_of_day_balance: 52010,
      high_water_mark_eod: 52010,
      balance: 52010,
    });
  });

  it('loses no update under concurrent fills (row lock)', async () => {
    const post = (side: string, price: number) =>
      t.request('POST', '/api/risk/accounts/FTMO/2/fills', {
        token: admin,
        body: { side, quantity: 1, price, symbol: 'MES' },
      });
    const buys = await Promise.all(Array.from({ length: 20 }, (_, i) => post('buy', 5000 + i * 0.25)));
    expect(buys.every((r) => r.status === 201)).toBe(true);
    const mid = await t.request('GET', '/api/risk/accounts/FTMO/2', { token: admin });
    expect([mid.body.open_contracts, mid.body.avg_price]).toEqual([20, 5002.375]);
    await Promise.all(Array.from({ length: 20 }, () => post('sell', 5010)));
    const end = await t.request('GET', '/api/risk/accounts/FTMO/2', { token: admin });
    // 20 contracts × (5010 − 5002.375) × 5 = 762.5
    expect(end.body).toMatchObject({ open_contracts: 0, realized_pnl_today: 762.5, balance: 100762.5 });
  });

  it('lists stored states with total, limit and offset', async () => {
    const all = await t.request('GET', '/api/risk/accounts', { token: viewer });
    expect(all.body.total).toBe(4);
    expect(
      all.body.items.map((s: { firm_code: string; program_id: number }) => `${s.firm_code}/${s.program_id}`),
    ).toEqual(['APEX/4', 'APEX/5', 'APEX/6', 'FTMO/2']);
    expect(all.body.items.map((s: { account_id: number | null }) => s.account_id)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const page = await t.request('GET', '/api/risk/accounts?limit=2&offset=1', { token: viewer });
    expect([page.body.total, page.body.items.map((s: { program_id: number }) => s.program_id)]).toEqual([
      4,
      [5, 6],
    ]);
    expect((await t.request('GET', '/api/risk/accounts?limit=0', { token: viewer })).status).toBe(400);
  });
});
