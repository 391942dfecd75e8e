import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'simulator', name), 'utf8');

/** POST/GET /api/simulator/runs on the real app and database, the shipped catalogue imported. */
describe('simulator runs API (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let topstep50: number;

  beforeAll(async () => {
    t = await startTestApp({ label: 'sim_api' });
    admin = await t.login();
    const doc = JSON.parse(readFileSync(join(ROOT, 'catalog', 'prop-firms.json'), 'utf8'));
    const imported = await t.request('POST', '/api/prop-registry/import', { token: admin, body: doc });
    expect(imported.status).toBe(200);
    const programs = await t.request('GET', '/api/prop-registry/programs', { token: admin });
    const list = programs.body.programs as {
      id: number;
      firm_code?: string;
      name: string;
      account_size: number;
    }[];
    topstep50 = list.find((p) => p.name === 'Trading Combine' && p.account_size === 50000)!.id;
  });
  afterAll(() => t?.close());

  it('replays a TradingView export (run-up/drawdown columns, chart time zone) and stores the run', async () => {
    const r = await t.request('POST', '/api/simulator/runs', {
      token: admin,
      body: {
        format: 'tradingview',
        file: fixture('tradingview-nq.csv'),
        symbol: 'NQ1!',
        timezone: 'America/New_York',
        program_ids: [topstep50],
      },
    });
    expect(r.status).toBe(201);
    const v = r.body.report.verdicts[0];
    // Topstep 50K: soft daily loss 1,000; trade 3 (2 NQ) goes 2,600 against → liquidated at −1,000, the day paused
    expect(v).toMatchObject({ program_id: topstep50, status: 'NOT_YET', trades_replayed: 3, profit: -400 });
    expect(v.pauses).toEqual([
      { trading_day: '2026-03-04', at: '2026-03-04T15:00:00.000Z', daily_pnl: -1000, limit: 1000 },
    ]);
    expect(v.curve).toHaveLength(3);
    // day 1 closed at 50,600: the EOD floor trails to 48,600; the 2,600 drawdown would reach it, but the daily line
    // (49,600) is met first: liquidated there, so the day's low is the line
    expect(v.curve[2]).toMatchObject({ equity: 49600, low: 49600, floor: 48600, daily_loss_line: 49600 });
    const got = await t.request('GET', `/api/simulator/runs/${r.body.id}`, { token: admin });
    expect(got.status).toBe(200);
    expect(got.body.report.verdicts[0].pauses).toEqual(v.pauses);
    const list = await t.request('GET', '/api/simulator/runs', { token: admin });
    expect(list.body.items[0]).toMatchObject({
      id: r.body.id,
      format: 'tradingview',
      trades: 3,
      programs: 1,
      not_yet: 1,
    });
    expect(list.body.items[0].parameters.file).toBeUndefined();
  });

  it('refuses a bad file with a 400 naming each bad row and column', async () => {
    const r = await t.request('POST', '/api/simulator/runs', {
      token: admin,
      body: { format: 'csv', file: fixture('bad-trades.csv'), all: true },
    });
    expect(r.status).toBe(400);
    const text = JSON.stringify(r.body);
    for (const p of ['row 3, exit_time', 'row 3, side', 'row 3, quantity', 'row 3, exit_price'])
      expect(text).toContain(p);
    expect(text).not.toContain('row 2');
  });

  it('refuses missing parameters with every problem at once, and an unknown run with a 404', async () => {
    const r = await t.request('POST', '/api/simulator/runs', {
      token: admin,
      body: { format: 'tradingview', sizing: 'risk', firm: 'TOPSTEP', all: true },
    });
    expect(r.status).toBe(400);
    const text = JSON.stringify(r.body);
    for (const p of ['programs:', 'risk_percent:', 'file:']) expect(text).toContain(p);
    const noSymbol = await t.request('POST', '/api/simulator/runs', {
      token: admin,
      body: { format: 'tradingview', file: fixture('tradingview-nq.csv'), all: true },
    });
    expect(noSymbol.status).toBe(400);
    expect(JSON.stringify(noSymbol.body)).toContain('symbol:');
    expect((await t.request('GET', '/api/simulator/runs/999999', { token: admin })).status).toBe(404);
  });
});
