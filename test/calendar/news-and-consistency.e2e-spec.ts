import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../routing/support/wait';
import { Platforms, startPlatforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

const SECRET = 'news-consistency-webhook-secret';
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
const SOURCE = { source: 'reference/firm-rules.md', as_of: '2026' };

/**
 * Issue 16's conduct rules end to end (Postgres, the ProjectX fake, the router): an economic calendar imported
 * from CSV, ICS and a URL; a signal to an Alpha qualified account and a Topstep account inside a high-impact
 * event's blackout is refused NEWS_BLACKOUT for Alpha and routed for Topstep; once the Topstep evaluation's
 * profit today reaches its consistency cap its entries are refused CONSISTENCY.
 */
describe('economic calendar, news blackout and consistency cap (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let files: Server;
  let filesUrl: string;
  const served: Record<string, { type: string; body: string }> = {};
  const ids: Record<string, number> = {};

  const post = (path: string, body: unknown, token = admin) => t.request('POST', path, { token, body });
  const upload = (type: string, raw: string, token = admin) =>
    t.request('POST', '/api/calendar/import', { token, raw, headers: { 'content-type': type } });
  const alert = (tradeId: string, accounts: string[]) =>
    post('/api/webhooks/tradingview', {
      secret: SECRET,
      trade_id: tradeId,
      symbol: 'NQ',
      action: 'buy',
      quantity: 1,
      accounts,
    });
  const result = (taskId: number) =>
    waitFor(`task ${taskId} to complete`, () =>
      withClient(t.db.url, async (c) => {
        const r = await c.query<{ response_body: Row }>(
          'SELECT response_body FROM execution_logs WHERE task_id = $1',
          [taskId],
        );
        return r.rows[0]?.response_body ?? null;
      }),
    );
  const ordersAt = (platformAccount: string) =>
    platforms.byFirm.TOPSTEP.orders().filter((o) => o.accountId === platformAccount && o.clientOrderId);

  beforeAll(async () => {
    files = createServer((req, res) => {
      const file = served[req.url ?? ''];
      res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
      res.end(file?.body ?? 'not found');
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    platforms = await startPlatforms({
      accounts: {
        projectx: [
          { id: 8801, name: 'TOPSTEP-8801' },
          { id: 8802, name: 'ALPHA-8802' },
        ],
      },
    });
    platforms.setPrice('NQ', '21000');
    t = await startTestApp({
      label: 'news_consistency',
      env: {
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_ENABLED: 'false', // the states below are typed in: no platform read overwrites them
      },
    });
    admin = await t.login();
    viewer = (await post('/api/auth/api-keys', { name: 'viewer', role: 'viewer' })).body.key;
    const firms = (await t.request('GET', '/api/prop-registry/firms', { token: admin })).body.firms as Row[];
    const firmId = (code: string) => firms.find((f) => f.code === code)!.id as number;
    const program = async (firm: string, name: string, rules: Row) => {
      const r = await post('/api/prop-registry/programs', {
        firm_id: firmId(firm),
        name,
        account_size: 50000,
        profit_target: 3000,
        meta: { rules },
      });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    const alphaProgram = await program('ALPHA', 'Standard 50K (news)', {
      news: { minutes_before: 2, minutes_after: 2, impact: 'high', applies_to: ['funded'], ...SOURCE },
    });
    const topProgram = await program('TOPSTEP', 'Combine 50K (consistency)', {
      consistency: {
        max_day_fraction: 0.4,
        basis: 'total_profit',
        action: 'reject_entries',
        applies_to: ['evaluation'],
        ...SOURCE,
      },
    });
    const conn = await post('/api/accounts/connections', platforms.connections.projectx);
    expect(conn.status).toBe(201);
    const account = async (label: string, firm: string, programId: number, id: string, phase: string) => {
      const r = await post('/api/accounts', {
        label,
        firm_code: firm,
        program_id: programId,
        connection_id: conn.body.id,
        platform_account: id,
        phase,
        sizing_mode: 'fixed',
        fixed_quantity: 1,
      });
      expect(r.status).toBe(201);
      ids[label] = r.body.id;
    };
    await account('alpha-q', 'ALPHA', alphaProgram, '8802', 'funded');
    await account('top-1', 'TOPSTEP', topProgram, '8801', 'evaluation');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
    await new Promise((resolve) => files?.close(resolve));
  });

  const CSV = [
    'id,time,title,country,currency,impact',
    'nfp-2026-03,2026-03-06T13:30:00Z,Non-Farm Employment Change,US,USD,high',
    ',2026-03-11T08:30:00-04:00,CPI m/m,US,USD,medium',
  ].join('\n');

  it('imports a CSV calendar, and the same file again changes nothing; a viewer reads it but cannot import', async () => {
    const first = await upload('text/csv', CSV);
    expect([first.status, first.body]).toEqual([
      200,
      { format: 'csv', source: 'upload', events: 2, created: 2, updated: 0, unchanged: 0 },
    ]);
    const again = await upload('text/csv', CSV);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const moved = await upload('text/csv', CSV.replace('13:30:00Z,Non-Farm', '13:31:00Z,Non-Farm'));
    expect(moved.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await upload('text/csv', CSV, viewer)).status).toBe(403);
    const read = await t.request(
      'GET',
      '/api/calendar/events?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z',
      { token: viewer },
    );
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      {
        uid: 'nfp-2026-03',
        at: '2026-03-06T13:31:00.000Z',
        title: 'Non-Farm Employment Change',
        country: 'US',
        currency: 'USD',
        impact: 'high',
        source: 'upload',
      },
      expect.objectContaining({ at: '2026-03-11T12:30:00.000Z', impact: 'medium' }),
    ]);
    const high = await t.request(
      'GET',
      '/api/calendar/events?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z&impact=high',
      { token: viewer },
    );
    expect(high.body.items).toHaveLength(1);
    const reversed = await t.request(
      'GET',
      '/api/calendar/events?from=2026-03-31T00:00:00Z&to=2026-03-01T00:00:00Z',
      { token: viewer },
    );
    expect([reversed.status, reversed.body.details]).toEqual([400, ['to: must not be before from']]);
    // any ISO 8601 form the one parser knows (a week date here), and a 400 for what it does not
    const week = await t.request('GET', '/api/calendar/events?from=2026-W10-1', { token: viewer });
    expect([week.status, week.body.from]).toEqual([200, '2026-03-02T00:00:00.000Z']);
    const garbage = await t.request('GET', '/api/calendar/events?from=soon', { token: viewer });
    expect(garbage.status).toBe(400);
    expect(garbage.body.details.join(' ')).toMatch(/^from must be/);
  });

  it('a bad CSV is a 400 naming every problem by line, and nothing of it is imported', async () => {
    const bad = [
      'time,title,currency,impact',
      '2026-04-03 12:30,NFP,USD,high',
      '2026-04-10T12:30:00Z,,dollars,red',
      '2026-04-14T12:30:00Z,Retail Sales,USD,high',
    ].join('\n');
    const r = await upload('text/csv', bad);
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      'line 2: time: must be an ISO 8601 instant with a zone, e.g. 2026-03-06T13:30:00Z',
      'line 3: title: is required',
      'line 3: currency: must be a 3-letter ISO code, e.g. USD',
      'line 3: impact: must be one of high, medium, low',
    ]);
    const header = await upload('text/csv', 'when,title\n2026-04-03T12:30:00Z,NFP\n');
    expect(header.body.details).toEqual([
      'line 1: when: unknown column (known: id, time, title, country, currency, impact)',
      'line 1: time: column is required',
      'line 1: impact: column is required',
    ]);
    const april = await t.request(
      'GET',
      '/api/calendar/events?from=2026-04-01T00:00:00Z&to=2026-04-30T00:00:00Z',
      { token: admin },
    );
    expect(april.body.items).toEqual([]);
  });

  const ICS = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:fomc-2026-03-18',
    'DTSTART;TZID=America/New_York:20260318T140000',
    'SUMMARY:FOMC Statement',
    'CATEGORIES:USD,High Impact',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('imports an ICS calendar sent as text/calendar or at a URL, idempotently; a bad one is a 400 by line', async () => {
    const sent = await upload('text/calendar', ICS);
    expect([sent.status, sent.body]).toEqual([
      200,
      { format: 'ics', source: 'upload', events: 1, created: 1, updated: 0, unchanged: 0 },
    ]);
    served['/fomc.ics'] = { type: 'text/calendar', body: ICS };
    const byUrl = await post('/api/calendar/import', { url: `${filesUrl}/fomc.ics` });
    expect([byUrl.status, byUrl.body]).toEqual([
      200,
      { format: 'ics', source: `${filesUrl}/fomc.ics`, events: 1, created: 0, updated: 0, unchanged: 1 },
    ]);
    const fomc = await t.request(
      'GET',
      '/api/calendar/events?from=2026-03-18T00:00:00Z&to=2026-03-19T00:00:00Z',
      { token: admin },
    );
    expect(fomc.body.items).toEqual([
      expect.objectContaining({ at: '2026-03-18T18:00:00.000Z', currency: 'USD', impact: 'high' }),
    ]);

    const bad = ICS.replace(
      'DTSTART;TZID=America/New_York:20260318T140000',
      'DTSTART:20260318T140000',
    ).replace('CATEGORIES:USD,High Impact', 'CATEGORIES:USD');
    const r = await upload('text/calendar', bad);
    expect([r.status, r.body.details]).toEqual([
      400,
      [
        'line 5: DTSTART: a floating time (no Z, no TZID) names no instant',
        'line 3: impact: must be one of high, medium, low',
      ],
    ]);
    expect((await post('/api/calendar/import', { url: `${filesUrl}/missing.ics` })).status).toBe(503);
    expect((await post('/api/calendar/import', { url: 'ftp://example.com/x.ics' })).status).toBe(400);
    // the cloud metadata address: 400, nothing requested (redirects to it: src/platform/http/outbound-guard.spec.ts)
    const metadata = await post('/api/calendar/import', { url: 'http://169.254.169.254/latest/meta-data' });
    expect(metadata.status).toBe(400);
    expect(metadata.body.details).toEqual([
      expect.stringMatching(/^url: refused: 169\.254\.169\.254 is a link-local/),
    ]);
  });

  it('inside a high-impact blackout the Alpha qualified account is refused NEWS_BLACKOUT, the Topstep account routed', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString(); // the blackout (2 min before) holds now
    const imported = await upload(
      'text/csv',
      `id,time,title,currency,impact\nsoon,${soon},Fed Chair Speaks,USD,high\n`,
    );
    expect(imported.status).toBe(200);
    const sent = await alert('news-1', ['alpha-q', 'top-1']);
    expect(sent.status).toBe(202);
    const r = await result(sent.body.task_id);
    // ROUTED: every account that passed risk was routed; the refused one is counted apart
    expect([r.outcome, r.account_counts]).toEqual([
      'ROUTED',
      expect.objectContaining({ targeted: 2, rejected: 1, success: 1 }),
    ]);
    const risk = Object.fromEntries(r.risk_checks.map((c: Row) => [c.account_label, c]));
    expect(risk['alpha-q']).toMatchObject({
      status: 'REJECTED',
      rule: 'NEWS_BLACKOUT',
      details: expect.objectContaining({ event: 'Fed Chair Speaks', phase: 'funded', impact: 'high' }),
    });
    expect(risk['top-1'].status).toBe('APPROVED');
    expect(r.connector_results.map((c: Row) => [c.account_label, c.status])).toEqual([['top-1', 'SUCCESS']]);
    expect(ordersAt('8802')).toHaveLength(0);
    expect(ordersAt('8801')).toHaveLength(1);
  });

  it("once today's profit reaches the consistency cap (40 % of the 3,000 target), entries are refused CONSISTENCY", async () => {
    const set = (pnl: number) =>
      t.request('PUT', `/api/accounts/${ids['top-1']}/state`, {
        token: admin,
        body: { realized_pnl_today: pnl, balance: 50000 + pnl },
      });
    expect((await set(1200)).status).toBe(200);
    const capped = await result((await alert('cons-1', ['top-1'])).body.task_id);
    expect(capped.outcome).toBe('REJECTED');
    expect(capped.risk_checks).toEqual([
      expect.objectContaining({
        status: 'REJECTED',
        rule: 'CONSISTENCY',
        details: expect.objectContaining({
          today_profit: 1200,
          cap: 1200,
          max_day_percent: 40,
          phase: 'evaluation',
        }),
      }),
    ]);
    expect((await set(1199.99)).status).toBe(200);
    const under = await result((await alert('cons-2', ['top-1'])).body.task_id);
    expect(under.outcome).toBe('ROUTED');
    expect(ordersAt('8801')).toHaveLength(2);
  });
});
