import { startTestApp, TestApp } from '../support/test-app';
import { PLATFORM_SECRETS, Platforms, startPlatforms } from '../support/platforms';
import { withClient } from '../support/test-database';
import { waitFor } from '../routing/support/wait';

const SECRET = 'reconcile-e2e-webhook-secret';
const PLATFORM_ACCOUNT = 'FT-2001';
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * Issue 14's reconciliation, end to end on Postgres and the generic REST fake: positions and orders opened
 * at the platform by hand are reported as drift (once while they stand); a routed entry whose stop fills at
 * the platform is closed in PropRouter's own record, so the exit alert sends nothing; with flatten_orphans
 * the hand-opened position is closed through the connector.
 */
describe('reconciliation (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let token: string;
  let accountId: number;

  const drifts = async (query = ''): Promise<Row[]> =>
    (await t.request('GET', `/api/sync/drift?account_id=${accountId}${query}`, { token })).body.items;
  const driftOf = (kind: string, root: string) =>
    waitFor(`a ${kind} drift on ${root}`, async () =>
      (await drifts(`&kind=${kind}`)).find((d) => d.root === root),
    );
  /** An order sent straight to the fake's API, as a trader's other tool would: a client id PropRouter never used. */
  const byHand = async (body: Record<string, unknown>) => {
    const fake = platforms.byFirm.FTMO;
    const r = await fetch(`${fake.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PLATFORM_SECRETS.restApiKey}` },
      body: JSON.stringify({ account_id: PLATFORM_ACCOUNT, quantity: 1, ...body }),
    });
    expect(r.status).toBe(201);
  };
  const held = (symbol: string) => platforms.byFirm.FTMO.accountPositions()[PLATFORM_ACCOUNT]?.[symbol] ?? 0;
  const alert = async (body: Record<string, unknown>) => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, accounts: 'ftmo-rec-1', ...body },
    });
    expect(r.status).toBe(202);
    return r.body.task_id as number;
  };
  const completed = (id: number) =>
    waitFor(`task ${id} to complete`, async () => {
      const r = await t.request('GET', `/api/execution/tasks/${id}`, { token });
      return r.body.status === 'COMPLETED' ? (r.body as Row) : null;
    });
  const entryRow = (tradeId: string) =>
    withClient(t.db.url, async (c) => {
      const r = await c.query(
        `SELECT status, quantity, platform_closed_quantity, platform_closed_at, updated_at FROM orders
          WHERE trade_id = $1 AND event_type = 'entry'`,
        [tradeId],
      );
      return r.rows[0] as Row | undefined;
    });

  beforeAll(async () => {
    platforms = await startPlatforms({
      accounts: { rest: [{ id: PLATFORM_ACCOUNT, name: PLATFORM_ACCOUNT, balance: '100000' }] },
    });
    t = await startTestApp({
      label: 'sync_reconcile',
      env: {
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_POLL_INTERVAL_MS: '100',
        RECONCILE_INTERVAL_MS: '150',
        RECONCILE_SETTLE_MS: '300',
      },
    });
    token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.rest,
    });
    expect(conn.status).toBe(201);
    const acct = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'ftmo-rec-1',
        firm_code: 'FTMO',
        program_id: 2,
        connection_id: conn.body.id,
        platform_account: PLATFORM_ACCOUNT,
        sizing_mode: 'fixed',
        fixed_quantity: 2,
      },
    });
    expect(acct.status).toBe(201);
    expect(acct.body.flatten_orphans).toBe(false);
    accountId = acct.body.id;
    await waitFor('the first sync', async () => {
      const s = await t.request('GET', `/api/accounts/${accountId}/state`, { token });
      return s.body.source === 'platform';
    });
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('a hand-opened position and a hand-placed order are drift, with both sides, recorded once while they stand', async () => {
    await byHand({ symbol: 'ES', side: 'BUY', order_type: 'MARKET', client_order_id: 'hand-es-1' });
    await byHand({
      symbol: 'CL',
      side: 'BUY',
      order_type: 'LIMIT',
      entry_price: 60.5,
      client_order_id: 'hand-cl-1',
    });
    const orphan = await driftOf('orphan_position', 'ES');
    expect(orphan).toMatchObject({
      account_id: accountId,
      platform: { symbol: 'ES', net_quantity: 1, average_price: 5000, order: null },
      believed: { net_quantity: 0, trades: [] },
      action: 'recorded',
      action_detail: null,
      resolved_at: null,
    });
    const foreign = await driftOf('foreign_order', 'CL');
    expect(foreign).toMatchObject({
      platform: {
        symbol: 'CL',
        net_quantity: 0,
        order: { client_order_id: 'hand-cl-1', side: 'BUY', quantity: 1, type: 'LIMIT', limit_price: 60.5 },
      },
      believed: { net_quantity: 0, trades: [] },
      action: 'recorded',
    });
    // later rounds see them again: the same two rows, seen later, never a second record
    await waitFor('a later round to see the orphan again', async () => {
      const again = (await drifts('&kind=orphan_position')).find((d) => d.root === 'ES');
      return Date.parse(again?.last_seen_at) > Date.parse(orphan.detected_at) + 300;
    });
    const all = await t.request('GET', `/api/sync/drift?account_id=${accountId}`, { token });
    expect(all.body.total).toBe(2);
    expect((await t.request('GET', '/api/sync/drift?kind=sideways', { token })).status).toBe(400);
  });

  it('a routed entry whose stop fills at the platform is closed in the record; the exit alert sends nothing', async () => {
    platforms.setPrice('NQ', '21000');
    const entry = await completed(
      await alert({ trade_id: 'rec-1', symbol: 'NQ', action: 'buy', stop_loss: 20990, take_profit: 21050 }),
    );
    expect(entry.result.connector_results.map((c: Row) => c.status)).toEqual(['SUCCESS']);
    expect(held('NQ')).toBe(2);
    // a round after the entry settled: the routed position and its bracket legs match, no drift on NQ
    const sent = Date.parse((await entryRow('rec-1'))!.updated_at);
    await waitFor('a round after the entry settled', async () => {
      const es = (await drifts('&kind=orphan_position')).find((d) => d.root === 'ES');
      return Date.parse(es?.last_seen_at) > sent + 600;
    });
    expect((await drifts()).filter((d) => d.root === 'NQ')).toEqual([]);

    platforms.setPrice('NQ', '20980'); // through the stop: the platform closes the trade, the target is cancelled
    expect(held('NQ')).toBe(0);
    const flat = await driftOf('trade_flat', 'NQ');
    expect(flat).toMatchObject({
      platform: { symbol: 'NQ', net_quantity: 0 },
      believed: {
        net_quantity: 2,
        trades: [{ trade_id: 'rec-1', side: 'BUY', open_quantity: 2 }],
      },
      action: 'trade_closed',
      action_detail: 'rec-1: 2 → 0',
      resolved_at: expect.any(String),
    });
    expect(await entryRow('rec-1')).toMatchObject({ quantity: 2, platform_closed_quantity: 2 });

    const ordersBefore = platforms.byFirm.FTMO.orders().length;
    const exit = await completed(await alert({ trade_id: 'rec-1', symbol: 'NQ', action: 'exit' }));
    expect(exit.result.connector_results.map((c: Row) => [c.status, c.error_message])).toEqual([
      ['SKIPPED', expect.stringContaining('NO_ROUTED_ENTRY')],
    ]);
    expect(platforms.byFirm.FTMO.orders().length).toBe(ordersBefore);
    expect((await drifts('&kind=trade_flat')).length).toBe(1);
  });

  it('flatten_orphans: the hand-opened position is closed through the connector, and the drift resolved', async () => {
    const on = await t.request('PATCH', `/api/accounts/${accountId}`, {
      token,
      body: { flatten_orphans: true },
    });
    expect(on.status).toBe(200);
    expect(on.body.flatten_orphans).toBe(true);
    await waitFor('the orphan to be flattened', async () => held('ES') === 0);
    const done = await waitFor('the orphan drift to resolve', async () => {
      const es = (await drifts('&kind=orphan_position')).find((d) => d.root === 'ES');
      return es?.resolved_at ? es : null;
    });
    expect(done).toMatchObject({
      action: 'flattened',
      action_detail: expect.stringMatching(/^1 closed by order /),
    });
    // the foreign working order is reported, never cancelled
    expect((await drifts('&kind=foreign_order'))[0]).toMatchObject({ root: 'CL', resolved_at: null });
  });
});
