import { Platforms, startPlatforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { waitFor } from '../routing/support/wait';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

const SECRET = 'paper-e2e-webhook-secret';
const TV_ACCOUNT = { id: 7401, name: 'APEX-LIVE-01', balance: '50000' };

/**
 * Paper accounts (issue 19) end to end on Postgres: a `paper` connection and an APEX 50K evaluation account
 * on it (daily loss limit 2,500, guard buffer 10 %), beside a live APEX account on the Tradovate fake, both
 * targeted by the same alerts. In dry run (the default) the live account's orders are held and the paper
 * account trades: fills at the alert's price, a bracket stop filled by a posted price, the risk gate's and
 * the guard's answers on the synced paper state exactly as for a live account; the ledger survives a
 * restart; and with dry run off both accounts trade side by side.
 */
describe('paper accounts (e2e, Postgres)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let token: string;
  let paper: number;
  let live: number;
  const env = {
    WEBHOOK_SECRET: SECRET,
    ROUTER_ENABLED: 'true',
    CONNECTOR_RATE_LIMITS: 'off',
    SYNC_POLL_INTERVAL_MS: '200',
    GUARD_SWEEP_MS: '60000',
  };
  const rows = (sql: string, values: unknown[] = []) =>
    withClient(t.db.url, async (c) => (await c.query(sql, values)).rows as Row[]);
  const state = async (id: number) =>
    (await t.request('GET', `/api/accounts/${id}/state`, { token })).body as Row;
  const price = async (symbol: string, value: unknown) =>
    t.request('POST', '/api/paper/prices', { token, body: { symbol, price: value } });
  const alert = async (body: Row) => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, symbol: 'NQ', tags: 'paper-e2e', ...body },
    });
    expect(r.status).toBe(202);
    return waitFor(`task ${r.body.task_id}`, async () => {
      const task = await t.request('GET', `/api/execution/tasks/${r.body.task_id}`, { token });
      return task.body.status === 'COMPLETED' ? (task.body.result ?? task.body) : null;
    });
  };
  const resultOf = (task: Row, accountId: number) =>
    (task.connector_results as Row[]).find((c) => c.account_id === accountId);
  const riskOf = (task: Row, accountId: number) =>
    (task.risk_checks as Row[]).find((c) => c.account_id === accountId);
  const synced = (id: number, what: string, ok: (s: Row) => boolean) =>
    waitFor(what, async () => {
      const s = await state(id);
      return ok(s) ? s : null;
    });

  beforeAll(async () => {
    platforms = await startPlatforms({ accounts: { tradovate: [TV_ACCOUNT] } });
    t = await startTestApp({ label: 'paper_accounts', env });
    token = await t.login();
  });
  afterAll(async () => {
    const db = t?.db;
    await t?.close();
    await db?.drop().catch(() => undefined); // the restarted app does not own its database
    await platforms?.close();
  });

  it('refuses a paper connection with a URL or credentials, naming each problem', async () => {
    const bad = await t.request('POST', '/api/accounts/connections', {
      token,
      body: {
        name: 'bad-paper',
        platform: 'paper',
        base_url: 'http://127.0.0.1:9',
        credentials: { api_key: 'k' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('base_url: must be null for paper connections'),
        expect.stringContaining('credentials.api_key'),
      ]),
    );
  });

  it('creates a paper connection and account through the API, beside a live account', async () => {
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: { name: 'paper', platform: 'paper' },
    });
    expect(conn.status).toBe(201);
    expect(conn.body).toMatchObject({ platform: 'paper', base_url: null, credentials_set: [] });
    const tv = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.tradovate,
    });
    expect(tv.status).toBe(201);
    const account = async (body: Row) => {
      const r = await t.request('POST', '/api/accounts', {
        token,
        body: {
          firm_code: 'APEX',
          program_id: 4,
          sizing_mode: 'fixed',
          fixed_quantity: 1,
          tags: ['paper-e2e'],
          ...body,
        },
      });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    paper = await account({ label: 'apex-paper', connection_id: conn.body.id, platform_account: 'PAPER-1' });
    live = await account({
      label: 'apex-live',
      connection_id: tv.body.id,
      platform_account: String(TV_ACCOUNT.id),
      platform_account_spec: TV_ACCOUNT.name,
    });
    // the paper account is opened at its program's account size and synced like any account
    const s = await synced(paper, 'the paper account synced', (x) => x.source === 'platform');
    expect(s.balance).toBe(50000);
    const test = await t.request('POST', `/api/accounts/connections/${conn.body.id}/test`, { token });
    expect(test.body).toEqual({ ok: true, accounts: [{ platform_account: 'PAPER-1', name: 'PAPER-1' }] });
  });

  it('dry run: the paper account fills at the alert price, the live one is held', async () => {
    const task = await alert({
      trade_id: 'paper-1',
      action: 'buy',
      entry_price: 21000,
      stop_loss: 20950,
      take_profit: 21100,
    });
    expect(task.dry_run).toBe(true);
    expect(resultOf(task, live)).toMatchObject({
      status: 'SKIPPED',
      error_message: 'GLOBAL_DRY_RUN_ENABLED',
    });
    const filled = resultOf(task, paper)!;
    expect(filled.status).toBe('SUCCESS');
    expect(filled.raw_response).toMatchObject({
      status: 'FILLED',
      fill_price: 21000,
      side: 'BUY',
      quantity: 1,
    });
    expect(filled.raw_response.bracket_order_ids).toHaveLength(2);
    expect(filled.protection).toMatchObject({ status: 'PROTECTED' });
    expect(platforms.entryOrders()).toEqual([]);
    const s = await synced(paper, 'the paper position synced', (x) => x.open_contracts === 1);
    expect(s.open_pnl).toBe(0);
  });

  it('a posted price reaching the bracket stop fills it (and cancels the target)', async () => {
    const above = await price('NQ1!', 20950.25);
    expect(above.status).toBe(200);
    expect(above.body).toMatchObject({ symbol: 'NQ', price: 20950.25, source: 'posted', fills: [] });
    await synced(paper, 'open P&L at the posted price', (x) => x.open_pnl === -995);

    const hit = await price('NQ', 20949);
    expect(hit.body.fills).toEqual([
      expect.objectContaining({
        platform_account: 'PAPER-1',
        side: 'SELL',
        quantity: 1,
        price: 20949,
        realized: -1020,
      }),
    ]);
    const s = await synced(
      paper,
      'the stop fill synced',
      (x) => x.open_contracts === 0 && x.balance === 48980,
    );
    expect(s.realized_pnl_today).toBe(-1020);
    const open = await rows(
      `SELECT order_type, status FROM paper_orders WHERE parent_id IS NOT NULL ORDER BY order_type`,
    );
    expect(open).toEqual([
      { order_type: 'LIMIT', status: 'CANCELLED' },
      { order_type: 'STOP', status: 'FILLED' },
    ]);
  });

  it('the risk gate refuses an entry whose stop risk does not fit the daily loss left', async () => {
    // 1,480 left of the 2,500 daily loss: 100 points of NQ (2,000) does not fit
    const task = await alert({ trade_id: 'paper-2', action: 'buy', entry_price: 21000, stop_loss: 20900 });
    expect(riskOf(task, paper)).toMatchObject({ status: 'REJECTED' });
    expect(JSON.stringify(riskOf(task, paper))).toMatch(/daily/i);
    expect(resultOf(task, paper)).toBeUndefined();
  });

  it('the guard flattens and halts the paper account as its open loss reaches the buffer', async () => {
    // 70 points (1,400) fits the 1,480 left
    const task = await alert({ trade_id: 'paper-3', action: 'buy', entry_price: 21000, stop_loss: 20930 });
    expect(resultOf(task, paper)).toMatchObject({ status: 'SUCCESS' });
    await synced(paper, 'the second position synced', (x) => x.open_contracts === 1);
    await price('NQ', 20940); // -1,200 open: 280 left, outside the 250 buffer (10 % of 2,500)
    await synced(paper, 'open P&L -1200', (x) => x.open_pnl === -1200);
    await new Promise((r) => setTimeout(r, 600));
    expect(await rows('SELECT id FROM guard_trips')).toEqual([]);
    await price('NQ', 20938); // -1,240 open: 240 left, inside the buffer
    const [trip] = await waitFor('the guard to act', async () => {
      const trips = await rows('SELECT * FROM guard_trips');
      return trips[0]?.completed_at ? trips : null;
    });
    expect(trip).toMatchObject({ account_id: paper, rule: 'daily_loss', flatten_status: 'FLAT' });
    // flattened at the mark; the stop (20930) never filled
    const s = await synced(
      paper,
      'flat after the guard',
      (x) => x.open_contracts === 0 && x.balance === 47740,
    );
    expect(s.realized_pnl_today).toBe(-2260);
    const [stop] = await rows(
      `SELECT status FROM paper_orders WHERE order_type = 'STOP' AND status <> 'FILLED' AND parent_id IS NOT NULL`,
    );
    expect(stop).toEqual({ status: 'CANCELLED' });
    const events = await rows(
      `SELECT kind FROM notification_outbox WHERE account_id = $1 AND kind IN ('halt.set', 'account.flattened') ORDER BY id`,
      [paper],
    );
    expect(events.map((e) => e.kind)).toEqual(['halt.set', 'account.flattened']);
    // the live account is untouched, and the halted paper account refuses the next entry
    expect(await rows('SELECT id FROM guard_trips WHERE account_id = $1', [live])).toEqual([]);
    const next = await alert({ trade_id: 'paper-4', action: 'buy', entry_price: 21000, stop_loss: 20990 });
    expect(riskOf(next, paper)).toMatchObject({ status: 'REJECTED', rule: 'TRADING_HALTED' });
  });

  it('hostile input on the price endpoint is a 4xx naming the problem; no mark changes', async () => {
    const marks = (await t.request('GET', '/api/paper/prices', { token })).body;
    expect(marks.items).toEqual([expect.objectContaining({ symbol: 'NQ', price: 20938, source: 'posted' })]);
    const cases: [unknown, number, RegExp][] = [
      [{ symbol: 'XYZ', price: 1 }, 400, /symbol: unknown contract XYZ/],
      [{ symbol: 'NQ', price: -1 }, 400, /price/],
      [{ symbol: 'NQ', price: 0 }, 400, /price/],
      [{ symbol: 'NQ', price: '21000' }, 400, /price/],
      [{ symbol: 'NQ', price: 1e300 }, 400, /price/],
      [{ symbol: '', price: 1 }, 400, /symbol/],
      [{ symbol: 'NQ' }, 400, /price/],
      [{ symbol: 'NQ', price: 1, extra: true }, 400, /extra/],
      [[{ symbol: 'NQ', price: 1 }], 400, /./],
    ];
    for (const [body, status, message] of cases) {
      const r = await t.request('POST', '/api/paper/prices', { token, body });
      expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), status]);
      expect(JSON.stringify(r.body)).toMatch(message);
    }
    const bad = await t.request('POST', '/api/paper/prices', {
      token,
      raw: '{"symbol":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect((await t.request('POST', '/api/paper/prices', { body: { symbol: 'NQ', price: 1 } })).status).toBe(
      401,
    );
    expect((await t.request('GET', '/api/paper/prices', {})).status).toBe(401);
    expect((await t.request('GET', '/api/paper/prices', { token })).body).toEqual(marks);
  });

  it('dry run: a paper account is reduced, reversed, closed by symbol and flattened; the live one receives nothing', async () => {
    const connection = (await rows('SELECT id FROM platform_connections WHERE platform = $1', ['paper']))[0]
      .id;
    const created = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'apex-paper-dry',
        firm_code: 'APEX',
        program_id: 4,
        connection_id: connection,
        platform_account: 'PAPER-D',
        sizing_mode: 'fixed',
        fixed_quantity: 2,
        tags: ['dry'],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(
      (await t.request('PATCH', `/api/accounts/${live}`, { token, body: { tags: ['paper-e2e', 'dry'] } }))
        .status,
    ).toBe(200);
    await synced(id, 'the dry-run paper account synced', (x) => x.balance === 50000);
    const tradovate = platforms.byFirm.APEX;
    // what the Tradovate fake was asked to do (orders placed, cancelled, modified, liquidated); reads aside
    const writes = () =>
      tradovate.requests().filter((r) => r.method === 'POST' && /\/order(strategy)?\//i.test(r.path));
    const before = writes().length;
    const net = async () =>
      (await rows(`SELECT net FROM paper_positions WHERE platform_account = 'PAPER-D'`)).map((r) =>
        Number(r.net),
      );
    const dry = { account_tags: 'dry' };

    const entry = await alert({
      ...dry,
      trade_id: 'dry-1',
      action: 'buy',
      entry_price: 21000,
      stop_loss: 20990,
    });
    expect(entry.dry_run).toBe(true);
    expect(resultOf(entry, id)).toMatchObject({ status: 'SUCCESS', raw_response: { quantity: 2 } });
    expect(resultOf(entry, live)).toMatchObject({
      status: 'SKIPPED',
      error_message: 'GLOBAL_DRY_RUN_ENABLED',
    });
    expect(await net()).toEqual([2]);

    // sell + long: a part taken off the paper account (its stop resized); the live account is flat at its fake
    const reduce = await alert({ ...dry, action: 'sell', sentiment: 'long', quantity: 1 });
    expect(resultOf(reduce, id)).toMatchObject({
      status: 'SUCCESS',
      protection_resize: { status: 'RESIZED', remaining: 1 },
    });
    expect(resultOf(reduce, live)).toMatchObject({ status: 'SKIPPED', error_message: 'NO_POSITION' });
    expect(await net()).toEqual([1]);
    await synced(id, 'long 1 after the reduction', (x) => x.open_contracts === 1);

    // an opposite entry reverses the paper account: its long read (no longer taken as flat), closed, then the short
    const reverse = await alert({
      ...dry,
      trade_id: 'dry-2',
      action: 'sell',
      entry_price: 21000,
      stop_loss: 21010,
    });
    expect(resultOf(reverse, id)).toMatchObject({
      status: 'SUCCESS',
      raw_response: { side: 'SELL', quantity: 2 },
    });
    expect(resultOf(reverse, live)).toMatchObject({
      status: 'SKIPPED',
      error_message: 'GLOBAL_DRY_RUN_ENABLED',
    });
    expect(await net()).toEqual([-2]);
    const [reversal] = await rows(
      `SELECT status FROM orders WHERE account_id = $1 AND client_order_id LIKE '%-rv'`,
      [id],
    );
    expect(reversal).toEqual({ status: 'SUCCESS' });

    // exit by symbol (no trade_id): the paper account closed, its stop cancelled
    const exit = await alert({ ...dry, action: 'exit' });
    expect(resultOf(exit, id)).toMatchObject({ status: 'SUCCESS' });
    expect(resultOf(exit, live)).toMatchObject({ status: 'SKIPPED', error_message: 'ALREADY_FLAT' });
    expect(await net()).toEqual([]);
    expect(
      await rows(`SELECT id FROM paper_orders WHERE platform_account = 'PAPER-D' AND status = 'WORKING'`),
    ).toEqual([]);
    await synced(id, 'flat after the exit by symbol', (x) => x.open_contracts === 0);

    // the kill switch by tag flattens the paper account; the live one has nothing to close and nothing is sent
    const again = await alert({
      ...dry,
      trade_id: 'dry-3',
      action: 'buy',
      entry_price: 21000,
      stop_loss: 20990,
    });
    expect(resultOf(again, id)).toMatchObject({ status: 'SUCCESS' });
    await synced(id, 'long 2 again', (x) => x.open_contracts === 2);
    const kill = await t.request('POST', '/api/accounts/flatten', {
      token,
      body: { tag: 'dry', reason: 'dry kill' },
    });
    expect(kill.status).toBe(200);
    expect(kill.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ account_id: id, status: 'FLAT' }),
        expect.objectContaining({ account_id: live, status: 'ALREADY_FLAT' }),
      ]),
    );
    expect(await net()).toEqual([]);

    // the re-driver runs in dry run for paper orders only: the paper entry of dry-1 left RETRY is looked up in
    // the ledger and ends SUCCESS; a live account's RETRY order (its copy) is not claimed: it would be sent
    const [{ client_order_id: paperEntry }] = await rows(
      `SELECT client_order_id FROM orders WHERE account_id = $1 AND trade_id = 'dry-1' AND event_type = 'entry'`,
      [id],
    );
    const liveEntry = `${paperEntry}-live`;
    await withClient(t.db.url, (c) =>
      c.query(`CREATE TEMP TABLE copy AS SELECT * FROM orders WHERE client_order_id = '${paperEntry}';
        UPDATE copy SET id = nextval(pg_get_serial_sequence('orders', 'id')), client_order_id = '${liveEntry}',
          account_id = ${live}, account_label = 'apex-live';
        INSERT INTO orders SELECT * FROM copy;
        UPDATE orders SET status = 'RETRY', next_attempt_at = now(), send_attempts = 1
          WHERE client_order_id IN ('${paperEntry}', '${liveEntry}');`),
    );
    const statusOf = async (clientOrderId: string) =>
      (await rows('SELECT status FROM orders WHERE client_order_id = $1', [clientOrderId]))[0].status;
    await waitFor('the paper entry re-driven', async () =>
      (await statusOf(paperEntry)) === 'SUCCESS' ? true : null,
    );
    await new Promise((r) => setTimeout(r, 1500)); // a re-drive round or more
    expect(await statusOf(liveEntry)).toBe('RETRY');
    await rows('DELETE FROM orders WHERE client_order_id = $1', [liveEntry]);

    // the live account on the Tradovate fake: asked nothing; its results above are SKIPPED
    expect(writes()).toHaveLength(before);
    expect(platforms.entryOrders()).toEqual([]);
    // (a held entry is decided unrecorded, a held exit by symbol or flatten of a flat account records nothing)
    expect(await rows('SELECT status FROM orders WHERE account_id = $1', [live])).toEqual([]);
    expect(
      (await t.request('PATCH', `/api/accounts/${live}`, { token, body: { tags: ['paper-e2e'] } })).status,
    ).toBe(200);
    // out of the later tests' alerts (an alert without account filters targets every enabled account)
    expect(
      (await t.request('PATCH', `/api/accounts/${id}`, { token, body: { enabled: false } })).status,
    ).toBe(200);
  });

  it('a restart keeps the ledger; with dry run off paper and live trade side by side; exits and the kill switch', async () => {
    const fills = await rows('SELECT id, price FROM paper_fills ORDER BY seq');
    expect(fills).toHaveLength(11); // 4, then 7 in the dry-run position actions
    const db = t.db;
    await t.app.close();
    // the same data directory: the master key that sealed the live connection's credentials
    const dataDir = process.env.PROPROUTER_DATA_DIR;
    const restarted = { ...env, EXECUTION_DRY_RUN: 'false', PROPROUTER_DATA_DIR: dataDir };
    t = await startTestApp({ label: 'paper_accounts', env: restarted, db });
    token = await t.login();
    const s = await synced(paper, 'the ledger read after the restart', (x) => x.source === 'platform');
    expect(s).toMatchObject({ balance: 47740, open_contracts: 0, realized_pnl_today: -2260 });
    expect(await rows('SELECT id, price FROM paper_fills ORDER BY seq')).toEqual(fills);

    // a second paper account on the same connection, and the live one: one alert, both accounts
    const second = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'apex-paper-2',
        firm_code: 'APEX',
        program_id: 4,
        connection_id: (await rows('SELECT id FROM platform_connections WHERE platform = $1', ['paper']))[0]
          .id,
        platform_account: 'PAPER-2',
        sizing_mode: 'fixed',
        fixed_quantity: 2,
        tags: ['side'],
      },
    });
    expect(second.status).toBe(201);
    const paper2 = second.body.id as number;
    expect(
      (await t.request('PATCH', `/api/accounts/${live}`, { token, body: { tags: ['side'] } })).status,
    ).toBe(200);
    platforms.setPrice('NQ', '21000');
    await synced(paper2, 'the second paper account synced', (x) => x.balance === 50000);
    const entry = await alert({
      trade_id: 'side-1',
      action: 'buy',
      entry_price: 21000,
      stop_loss: 20950,
      tags: 'side',
    });
    expect(entry.dry_run).toBe(false);
    expect(entry.outcome).toBe('ROUTED');
    expect(resultOf(entry, paper2)).toMatchObject({
      status: 'SUCCESS',
      raw_response: { fill_price: 21000, quantity: 2 },
    });
    expect(resultOf(entry, live)).toMatchObject({ status: 'SUCCESS' });
    expect(platforms.entryOrders()).toHaveLength(1);
    await synced(paper2, 'the side-by-side position', (x) => x.open_contracts === 2);

    const exit = await alert({ trade_id: 'side-1', action: 'exit', entry_price: 21010.5, tags: 'side' });
    expect(resultOf(exit, paper2)).toMatchObject({
      status: 'SUCCESS',
      raw_response: { fill_price: 21010.5, side: 'SELL' },
    });
    expect(resultOf(exit, live)).toMatchObject({ status: 'SUCCESS' });
    await synced(paper2, 'the exit synced', (x) => x.open_contracts === 0 && x.balance === 50420);

    // the kill switch flattens a paper account at the mark
    const again = await alert({
      trade_id: 'side-2',
      action: 'buy',
      entry_price: 21012,
      stop_loss: 20990,
      tags: 'side',
    });
    expect(resultOf(again, paper2)).toMatchObject({ status: 'SUCCESS' });
    await synced(paper2, 'the third position', (x) => x.open_contracts === 2);
    const halt = await t.request('POST', '/api/risk/halts', {
      token,
      body: { account_id: paper2, reason: 'paper kill switch', flatten: true },
    });
    expect(halt.status).toBe(201);
    expect(halt.body.flattens).toEqual([expect.objectContaining({ account_id: paper2, status: 'FLAT' })]);
    await synced(paper2, 'flat after the kill switch', (x) => x.open_contracts === 0 && x.balance === 50420);
  });

  it('a part taken off a paper bracket: its stop and target resized in the ledger; the stop then leaves it flat', async () => {
    const connection = (await rows('SELECT id FROM platform_connections WHERE platform = $1', ['paper']))[0]
      .id;
    const created = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'apex-paper-3',
        firm_code: 'APEX',
        program_id: 4,
        connection_id: connection,
        platform_account: 'PAPER-3',
        sizing_mode: 'fixed',
        fixed_quantity: 3,
        tags: ['reduce'],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    await synced(id, 'the third paper account synced', (x) => x.balance === 50000);
    const legs = async () =>
      (
        await rows(
          `SELECT side, order_type, quantity FROM paper_orders
           WHERE platform_account = 'PAPER-3' AND status = 'WORKING' ORDER BY order_type`,
        )
      ).map((r) => `${r.side} ${r.order_type} ${r.quantity}`);
    const entry = await alert({
      trade_id: 'reduce-1',
      action: 'buy',
      entry_price: 21000,
      stop_loss: 20990, // 3 × 10 points × $20: within the program's risk
      take_profit: 21100,
      account_tags: 'reduce',
    });
    expect(resultOf(entry, id)).toMatchObject({ status: 'SUCCESS', raw_response: { quantity: 3 } });
    expect(await legs()).toEqual(['SELL LIMIT 3', 'SELL STOP 3']);

    const reduce = await alert({ action: 'sell', sentiment: 'long', quantity: 1, account_tags: 'reduce' });
    expect(resultOf(reduce, id)).toMatchObject({
      status: 'SUCCESS',
      error_message: null,
      protection_resize: { status: 'RESIZED', remaining: 2 },
    });
    expect(await legs()).toEqual(['SELL LIMIT 2', 'SELL STOP 2']);
    await synced(id, 'long 2 after the part taken off', (x) => x.open_contracts === 2);

    const hit = await price('NQ', 20985);
    expect(hit.body.fills).toEqual([
      expect.objectContaining({ platform_account: 'PAPER-3', side: 'SELL', quantity: 2 }),
    ]);
    expect(await legs()).toEqual([]);
    // flat (a flat position is not kept), never short
    expect(await rows(`SELECT net FROM paper_positions WHERE platform_account = 'PAPER-3'`)).toEqual([]);
    await synced(id, 'flat after the stop', (x) => x.open_contracts === 0);
  });
});
