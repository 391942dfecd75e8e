import { DateTime } from 'luxon';
import { Clock } from '../../src/platform/time/clock';
import { DailySummaryWatch } from '../../src/notifications/application/daily-summary.watch';
import { waitFor } from '../routing/support/wait';
import { Platforms, startPlatforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { HttpReceivers } from './support/receivers';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

const SECRET = 'daily-summary-webhook-secret';

/** The service's clock, moved past a close by the test; everything else keeps real time. */
class OffsetClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * The daily summary (issue 18) end to end on Postgres and the Tradovate fake: two APEX accounts synced from
 * the platform, one trading (an NQ long, the price then 10 points lower). When the firm's trading day closes
 * (17:00 New York, on the service's clock) each account's next platform read rolls its state, and each gets
 * one `daily.summary`: the day's P&L, its orders and the room left, delivered once to a subscribed channel.
 */
describe('daily summary (e2e)', () => {
  let platforms: Platforms;
  let http: HttpReceivers;
  let t: TestApp;
  const clock = new OffsetClock();
  const ids: number[] = [];
  const rows = (sql: string, values: unknown[] = []) =>
    withClient(t.db.url, async (c) => (await c.query(sql, values)).rows as Row[]);

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    platforms = await startPlatforms({
      accounts: {
        tradovate: [
          { id: 7401, name: 'APEX-DS-01', balance: '50000' },
          { id: 7402, name: 'APEX-DS-02', balance: '50000' },
        ],
      },
    });
    t = await startTestApp({
      label: 'daily_summary',
      env: {
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_POLL_INTERVAL_MS: '200',
        NOTIFY_ENABLED: 'true',
        NOTIFY_POLL_MS: '200',
      },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    const token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.tradovate,
    });
    expect(conn.status).toBe(201);
    for (const n of [1, 2]) {
      const r = await t.request('POST', '/api/accounts', {
        token,
        body: {
          label: `apex-ds-${n}`,
          firm_code: 'APEX',
          program_id: 4,
          connection_id: conn.body.id,
          platform_account: String(7400 + n),
          platform_account_spec: `APEX-DS-0${n}`,
          sizing_mode: 'fixed',
          fixed_quantity: 1,
        },
      });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const channel = await t.request('POST', '/api/notifications/channels', {
      token,
      body: { name: 'summaries', type: 'discord', secrets: { webhook_url: `${http.url}/discord/ds` } },
    });
    expect(channel.status).toBe(201);
    platforms.setPrice('NQ', '21000');
    const entry = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: 'ds-1', symbol: 'NQ', action: 'buy', accounts: 'apex-ds-1' },
    });
    expect(entry.status).toBe(202);
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
    await http?.close();
  });

  it('after the close: one summary per account with its P&L, orders and room left; delivered once', async () => {
    const synced = (id: number, pnl: string) =>
      waitFor(`account ${id} synced`, async () => {
        const [s] = await rows('SELECT * FROM account_states WHERE account_id = $1', [id]);
        return s && s.open_pnl === pnl && s.open_contracts === (id === ids[0] ? 1 : 0) ? s : null;
      });
    await synced(ids[0], '0');
    platforms.setPrice('NQ', '20990');
    const before = await synced(ids[0], '-200');
    await synced(ids[1], '0');
    expect(await rows('SELECT * FROM daily_summaries')).toEqual([]);

    // 17:00 New York ends the day: one minute past it, on the service's clock
    const day = DateTime.fromJSDate(before.trading_day as Date).toISODate() as string;
    const close = DateTime.fromISO(`${day}T17:00`, { zone: 'America/New_York' }).toMillis();
    clock.offsetMs = close + 60_000 - Date.now();

    const events = await waitFor('both summaries', async () => {
      const r = await rows(
        `SELECT account_id, payload, dedupe_key FROM notification_outbox WHERE kind = 'daily.summary' ORDER BY account_id`,
      );
      return r.length === 2 ? r : null;
    });
    expect(events[0]).toMatchObject({
      account_id: ids[0],
      dedupe_key: `summary:${ids[0]}:${day}`,
      payload: {
        account_label: 'apex-ds-1',
        firm_code: 'APEX',
        trading_day: day,
        pnl: '-200.00',
        realized_pnl: '0.00',
        balance: '50000.00',
        orders: 1,
        failed: 0,
        rejections: 0,
      },
    });
    expect(events[0].payload.drawdown_left).toMatch(/^\d+\.\d\d$/);
    expect(events[1].payload).toMatchObject({ account_label: 'apex-ds-2', pnl: '0.00', orders: 0 });

    const delivered = await waitFor('both delivered', async () => {
      const r = http.on('/discord/ds').filter((m) => m.body.includes(' closed: apex-ds-'));
      return r.length === 2 ? r : null;
    });
    const texts = delivered.map((m) => JSON.parse(m.body).content as string);
    const text = texts.find((x) => x.includes('apex-ds-1'))!;
    expect(text).toContain(`Day ${day} closed: apex-ds-1 (APEX)`);
    expect(text).toContain('P&L -$200.00 (realized $0.00); balance $50000.00');
    expect(text).toContain('Orders 1, failed 0; entries refused by risk rules 0');
    expect(text).toContain('Drawdown room left: $');

    // later reads and checks of the new day add nothing; a day recorded again is refused by its key
    await new Promise((r) => setTimeout(r, 1000));
    await rows('UPDATE daily_summaries SET queued_at = NULL');
    expect(await t.app.get(DailySummaryWatch).check()).toBe(0);
    expect(await rows(`SELECT id FROM notification_outbox WHERE kind = 'daily.summary'`)).toHaveLength(2);
    expect(http.on('/discord/ds').filter((m) => m.body.includes(' closed: apex-ds-'))).toHaveLength(2);
  }, 60_000);
});
