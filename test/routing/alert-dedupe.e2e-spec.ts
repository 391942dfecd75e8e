import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { Platforms, startPlatforms } from '../support/platforms';
import { waitFor } from './support/wait';

const SECRET = 'alert-dedupe-secret';
const HOOK = '/api/webhooks/tradingview';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result rows are asserted field by field

/**
 * Repeats without forever-unique ids (README "Alert semantics", Repeats): TradingView's double-fire is queued
 * once, a strategy reusing "Long" opens a new trade after the last one closed, and two intake apps on one
 * database receiving the same alert at once queue it once. Live routing against the platform fakes.
 */
describe('alert repeats and reused trade ids (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let other: TestApp;
  let token: string;

  /** TradingView posts the alert's message as text/plain: a double-fire is the same text twice. */
  const post = (app: TestApp, body: Record<string, unknown>) =>
    app.request('POST', HOOK, {
      raw: JSON.stringify({ secret: SECRET, ...body }),
      headers: { 'content-type': 'text/plain' },
    });
  // Up to 30 s: on a loaded machine a fake's answer can pass the tests' 2 s platform timeout; the order is then
  // RETRY (outcome unknown) and looked up only after twice ORDER_SEND_WINDOW_MS, maybe more than once. What these
  // tests check is what the task did (one order, the right trade), not how soon: 15 s ran out once in CI.
  const completed = (id: number) =>
    waitFor(
      `task ${id} to complete`,
      async () => {
        const r = await t.request('GET', `/api/execution/tasks/${id}`, { token });
        return ['COMPLETED', 'FAILED'].includes(r.body.status) ? r.body : null;
      },
      30_000,
    );
  const ftmoMnq = () => netOpen(platforms.byFirm.FTMO.positions(), 'MNQ');
  const tasksOf = (tradeId: string) =>
    withClient(
      t.db.url,
      async (c) =>
        (
          await c.query<{ id: string; event_type: string }>(
            'SELECT id, event_type FROM execution_tasks WHERE trade_id = $1 ORDER BY id',
            [tradeId],
          )
        ).rows,
    );
  const sql = (text: string, params: unknown[] = []) => withClient(t.db.url, (c) => c.query(text, params));

  beforeAll(async () => {
    platforms = await startPlatforms();
    const env = {
      ...platforms.env,
      WEBHOOK_SECRET: SECRET,
      EXECUTION_DRY_RUN: 'false',
      ROUTER_POLL_INTERVAL_MS: '60000',
    };
    t = await startTestApp({ label: 'alert_dedupe', env: { ...env, ROUTER_ENABLED: 'true' } });
    // a second intake on the same database (its own pool, its own coalesced inserts): another process's view
    other = await startTestApp({ db: t.db, env: { ...env, ROUTER_ENABLED: 'false' } });
    token = await t.login();
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
    await platforms?.close();
  });

  it('queues a TradingView double-fire once: the repeat answers 200 with the first task id', async () => {
    const alert = { ticker: 'MNQ1!', action: 'buy', trade_id: 'Long', quantity: 1, firm_codes: ['FTMO'] };
    const first = await post(t, alert);
    expect(first.status).toBe(202);
    const again = await post(t, alert);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', task_id: first.body.task_id, duplicate: true });
    expect((await completed(first.body.task_id)).outcome).toBe('ROUTED');
    expect(ftmoMnq()).toBe(1);
  });

  it('opens a new trade when a strategy reuses "Long" after its exit, and each exit closes its own trade', async () => {
    const entry = { ticker: 'MNQ1!', action: 'buy', trade_id: 'Long', quantity: 1, firm_codes: ['FTMO'] };
    const exit = { ticker: 'MNQ1!', action: 'exit', trade_id: 'Long' };
    const exit1 = await post(t, exit);
    expect(exit1.status).toBe(202);
    expect((await post(t, exit)).body).toMatchObject({ duplicate: true, task_id: exit1.body.task_id });
    expect((await completed(exit1.body.task_id)).outcome).toBe('ROUTED');
    expect(ftmoMnq()).toBe(0);

    // the same entry text seconds later: a new trade, since its trade's exit came in between
    const entry2 = await post(t, entry);
    expect(entry2.status).toBe(202);
    expect((await post(t, entry)).body).toMatchObject({ duplicate: true, task_id: entry2.body.task_id });
    expect((await completed(entry2.body.task_id)).outcome).toBe('ROUTED');
    expect(ftmoMnq()).toBe(1);

    const exit2 = await post(t, exit);
    expect(exit2.status).toBe(202);
    const closed = await completed(exit2.body.task_id);
    const sent = closed.result.connector_results.filter((c: Row) => c.status !== 'SKIPPED');
    expect(sent.map((c: Row) => [c.account_label, c.status])).toEqual([['env:FTMO', 'SUCCESS']]);
    expect(ftmoMnq()).toBe(0);
    expect((await tasksOf('Long')).map((r) => r.event_type)).toEqual(['entry', 'exit', 'entry', 'exit']);

    // each exit order names the entry order it closed: the second exit the second entry
    const orders = (
      await sql(
        `SELECT o.id, o.event_type, o.closes_order_id FROM orders o WHERE o.trade_id = 'Long' ORDER BY o.id`,
      )
    ).rows.map((r) => [
      Number(r.id),
      r.event_type,
      r.closes_order_id === null ? null : Number(r.closes_order_id),
    ]);
    expect(orders).toEqual([
      [orders[0][0], 'entry', null],
      [orders[1][0], 'exit', orders[0][0]],
      [orders[2][0], 'entry', null],
      [orders[3][0], 'exit', orders[2][0]],
    ]);

    // a third exit finds no open "Long" trade: nothing is sent (it is not a repeat either: an entry came since)
    const stray = await post(t, { ...exit, time: '2026-12-02T22:00:00Z' });
    expect(stray.status).toBe(202);
    const nothing = await completed(stray.body.task_id);
    expect(new Set(nothing.result.connector_results.map((c: Row) => c.status))).toEqual(new Set(['SKIPPED']));
    expect(ftmoMnq()).toBe(0);
  });

  it('tells alerts of one trade id apart by their alert time (time / timenow)', async () => {
    const alert = { ticker: 'MNQ1!', action: 'buy', trade_id: 'Pyramid', quantity: 1, firm_codes: ['FTMO'] };
    const a = await post(t, { ...alert, time: '2026-12-02T22:00:01Z' });
    const again = await post(t, { ...alert, time: '2026-12-02T22:00:01Z' });
    const b = await post(t, { ...alert, timenow: '2026-12-02T22:00:02Z' });
    expect([a.status, again.status, b.status]).toEqual([202, 200, 202]);
    expect(again.body.task_id).toBe(a.body.task_id);
    await completed(a.body.task_id);
    await completed(b.body.task_id);
    expect(ftmoMnq()).toBe(2);
    // the first alert again after its trade's exit: the same alert time names the same alert, still a repeat
    const exit = await post(t, { ticker: 'MNQ1!', action: 'exit', trade_id: 'Pyramid' });
    await completed(exit.body.task_id);
    expect(ftmoMnq()).toBe(1); // the most recent open "Pyramid" trade closed, the first one still open
    expect((await post(t, { ...alert, time: '2026-12-02T22:00:01Z' })).body).toMatchObject({
      duplicate: true,
      task_id: a.body.task_id,
    });
    const last = await post(t, { ticker: 'MNQ1!', action: 'exit', trade_id: 'Pyramid', time: '22:00:05' });
    expect(last.status).toBe(202);
    await completed(last.body.task_id);
    expect(ftmoMnq()).toBe(0);
  });

  it('dedupes alerts without a trade id by their content, until another alert of the symbol comes', async () => {
    const buy = { ticker: 'MNQ1!', action: 'buy', sentiment: 'long', quantity: 1, firm_codes: ['FTMO'] };
    const flat = { ticker: 'MNQ1!', action: 'sell', sentiment: 'flat', firm_codes: ['FTMO'] };
    const first = await post(t, buy);
    expect((await post(t, buy)).body).toMatchObject({ duplicate: true, task_id: first.body.task_id });
    await completed(first.body.task_id);
    expect(ftmoMnq()).toBe(1);
    const close = await post(t, flat);
    expect((await post(t, flat)).status).toBe(200);
    await completed(close.body.task_id);
    expect(ftmoMnq()).toBe(0);
    const reopened = await post(t, buy);
    expect(reopened.status).toBe(202);
    await completed(reopened.body.task_id);
    expect(ftmoMnq()).toBe(1);
    await completed((await post(t, { ...flat, time: 'flat-2' })).body.task_id);
    expect(ftmoMnq()).toBe(0);
  });

  it('two intakes on one database receiving the same alerts at once queue each once', async () => {
    const alerts = Array.from({ length: 10 }, (_, i) => ({
      ticker: 'ES1!',
      action: 'buy',
      trade_id: `race-${i}`,
      quantity: 1,
      firm_codes: ['FTMO'],
    }));
    // no trade id: keyed by content
    alerts.push({ ticker: 'YM1!', action: 'buy', quantity: 1, firm_codes: ['FTMO'] } as (typeof alerts)[0]);
    const answers = await Promise.all(
      alerts.flatMap((a) => [t, other, t, other].map(async (app) => ({ a, r: await post(app, a) }))),
    );
    for (const a of alerts) {
      const mine = answers.filter((x) => x.a === a).map((x) => x.r);
      expect(mine.map((r) => r.status).sort()).toEqual([200, 200, 200, 202]);
      expect(new Set(mine.map((r) => r.body.task_id)).size).toBe(1);
    }
    const rows = (
      await sql(`SELECT count(*)::int AS n FROM execution_tasks WHERE payload->>'symbol' IN ('ES1!', 'YM1!')`)
    ).rows[0];
    expect(rows.n).toBe(alerts.length);
    const ids = answers.filter((x) => x.r.status === 202).map((x) => x.r.body.task_id as number);
    for (const id of ids) await completed(id);
    expect(netOpen(platforms.byFirm.FTMO.positions(), 'ES')).toBe(10);
    expect(netOpen(platforms.byFirm.FTMO.positions(), 'YM')).toBe(1);
  });

  it('holds a key for ALERT_DEDUPE_WINDOW_S (60 s): a repeat just inside it is caught, just over it is new', async () => {
    const alert = { ticker: 'NQ1!', action: 'buy', trade_id: 'window-1', quantity: 1, firm_codes: ['FTMO'] };
    const first = await post(t, alert);
    const age = (seconds: number) =>
      sql(
        `UPDATE alert_dedupe SET received_at = now() - $1 * interval '1 second' WHERE trade_id = 'window-1'`,
        [seconds],
      );
    await age(58);
    expect((await post(t, alert)).body).toMatchObject({ duplicate: true, task_id: first.body.task_id });
    await age(60.001);
    const second = await post(t, alert);
    expect(second.status).toBe(202);
    expect(second.body.task_id).not.toBe(first.body.task_id);
    expect((await tasksOf('window-1')).length).toBe(2);
    await completed(first.body.task_id);
    await completed(second.body.task_id);
  });

  it('refuses an alert time that is not text, or given twice, naming the field', async () => {
    const alert = { ticker: 'NQ1!', action: 'buy', trade_id: 'bad-time', quantity: 1 };
    const r = await post(t, { ...alert, time: { at: 1 } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('time: must be a string');
    const both = await post(t, { ...alert, time: '1', timenow: '2' });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('time: give the alert time once');
    expect(await tasksOf('bad-time')).toEqual([]);
  });
});

/** Net position over every contract of a root (the fakes key positions by their own contract names). */
function netOpen(positions: Record<string, number>, root: string): number {
  return Object.entries(positions)
    .filter(
      ([k]) =>
        k
          .toUpperCase()
          .replace(/^CON\.F\.US\./, '')
          .startsWith(root) && !k.toUpperCase().includes(`M${root}`),
    )
    .reduce((sum, [, n]) => sum + n, 0);
}
