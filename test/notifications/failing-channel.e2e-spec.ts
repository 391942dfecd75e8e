import { waitFor } from '../routing/support/wait';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { HttpReceivers } from './support/receivers';

const DEAD = '/discord/dead-hook-7f';
const EVENTS = 30;

/**
 * A receiver that answers 500 to everything: once its channel has failed NOTIFY_FAILING_AFTER times in a
 * row it is paused as a whole and probed by one delivery at a time, its pause doubling — a dead receiver
 * costs a request now and then, not one per event and retry (which, at 20 events/s, was ~120 requests/s
 * competing with routing for the machine). When it recovers, every event is delivered, once.
 */
describe('a failing notification channel is probed, not hammered (e2e)', () => {
  let t: TestApp;
  let http: HttpReceivers;

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    t = await startTestApp({
      label: 'notify_failing',
      env: {
        NOTIFY_ENABLED: 'true',
        NOTIFY_POLL_MS: '25',
        NOTIFY_RETRY_BASE_MS: '200',
        NOTIFY_RETRY_MAX_MS: '800',
        NOTIFY_MAX_ATTEMPTS: '50',
        NOTIFY_FAILING_AFTER: '3',
      },
    });
    const token = await t.login();
    const body = { name: 'dead', type: 'discord', secrets: { webhook_url: `${http.url}${DEAD}` } };
    expect((await t.request('POST', '/api/notifications/channels', { token, body })).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await http?.close();
  });

  it('30 events to a dead receiver for 3 s: a few probes; after it recovers, each event exactly once', async () => {
    http.fail(DEAD, { status: 500, times: 1_000_000 });
    await withClient(t.db.url, async (c) => {
      for (let i = 0; i < EVENTS; i++)
        await c.query(
          `INSERT INTO trading_halts (firm_code, reason, created_by) VALUES (NULL, $1, 'admin')`,
          [`halt ${i}`],
        );
    });
    await new Promise((r) => setTimeout(r, 3000));
    const probes = http.hitsOn(DEAD);
    expect(http.on(DEAD)).toHaveLength(0);
    // 3 failures in a row, then pauses of 200, 400, 800, 800 … ms: about 3 + 5 requests in 3 s. Without the
    // pause every delivery retries on its own (30 events × 200, 400, 800 ms …): well over a hundred.
    expect(probes).toBeGreaterThanOrEqual(3);
    expect(probes).toBeLessThanOrEqual(15);

    const channel = await withClient(
      t.db.url,
      async (c) =>
        (await c.query(`SELECT consecutive_failures, paused_until FROM notification_channels`)).rows[0],
    );
    expect(channel.consecutive_failures).toBe(probes);

    http.heal(DEAD);
    await waitFor('every event delivered', async () => http.on(DEAD).length >= EVENTS, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const delivered = http.on(DEAD).map((r) => JSON.parse(r.body).content as string);
    const halts = delivered.map((m) => /halt (\d+)/.exec(m)?.[1]).filter((n) => n !== undefined);
    expect(halts.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: EVENTS }, (_, i) => String(i)),
    );
  }, 60_000);
});
