import { AccountFlattener } from '../../src/routing/application/ports/account-flattener.port';
import { waitFor } from '../routing/support/wait';
import { startTestApp } from '../support/test-app';
import { FlattenWorld, held, startFlattenWorld } from './support/flatten-world';

/**
 * The AccountFlattener (issue 16) end to end on Postgres and the Tradovate and ProjectX fakes: a routed entry
 * leaves a position and its working bracket orders at the platform; the flatten cancels the orders, closes
 * the position with a recorded order, marks the routed trade closed (the exit alert then sends nothing),
 * records the flatten and emits `account.flattened` with it.
 */
describe('AccountFlattener (e2e)', () => {
  let w: FlattenWorld;
  let flattener: AccountFlattener;
  const flatten = (accountId: number, reason = 'e2e operator flatten') =>
    flattener.flatten({ accountId, cause: 'operator', reason, requestedBy: 'admin' });

  beforeAll(async () => {
    w = await startFlattenWorld('guards_flattener');
    flattener = w.t.app.get(AccountFlattener);
  });
  afterAll(() => w?.close());

  describe.each([
    ['Tradovate', 'apex-fl-1', 'tv'],
    ['ProjectX', 'topstep-fl-1', 'px'],
  ])('on %s', (_platform, label, key) => {
    it('a position and its working orders → FLAT: orders cancelled, position closed, all recorded, notified', async () => {
      const id = w.ids[label];
      const entry = await w.open(label, `fl-${key}-1`);
      expect(entry.result.outcome).toBe('ROUTED');
      const before = await w.snapshot(id);
      expect(Object.values(held(before))).toEqual([1]);
      expect(before.workingOrders.length).toBeGreaterThanOrEqual(1);

      const outcome = await flatten(id);
      expect(outcome).toEqual({
        accountId: id,
        status: 'FLAT',
        closed: [{ symbol: before.positions.find((p) => p.netQuantity)!.symbol, quantity: 1 }],
        cancelledOrders: before.workingOrders.length,
        error: null,
        flattenId: expect.any(Number),
      });
      const after = await w.snapshot(id);
      expect(held(after)).toEqual({});
      expect(after.workingOrders).toEqual([]);

      const [order] = await w.rows(
        'SELECT task_id, trade_id, event_type, status, side, quantity, client_order_id FROM orders WHERE flatten_id = $1',
        [outcome.flattenId],
      );
      expect(order).toMatchObject({
        task_id: null,
        trade_id: `flatten-${outcome.flattenId}`,
        event_type: 'exit',
        status: 'SUCCESS',
        side: 'SELL',
        quantity: 1,
      });
      expect(order.client_order_id).toMatch(new RegExp(`^prf${outcome.flattenId}-`));
      const [record] = await w.rows('SELECT * FROM account_flattens WHERE id = $1', [outcome.flattenId]);
      expect(record).toMatchObject({
        account_id: id,
        cause: 'operator',
        reason: 'e2e operator flatten',
        requested_by: 'admin',
        outcome: 'FLAT',
        error: null,
      });
      expect(record.cancelled).toHaveLength(before.workingOrders.length);
      const notices = await w.rows(
        `SELECT account_id, payload FROM notification_outbox WHERE kind = 'account.flattened' AND payload->>'flatten_id' = $1`,
        [String(outcome.flattenId)],
      );
      expect(notices).toEqual([
        {
          account_id: id,
          payload: expect.objectContaining({ outcome: 'FLAT', cause: 'operator', account_label: label }),
        },
      ]);
      // the routed trade is closed in PropRouter's record: its exit alert sends nothing
      const [routed] = await w.rows(
        `SELECT quantity, platform_closed_quantity FROM orders WHERE trade_id = $1 AND event_type = 'entry'`,
        [`fl-${key}-1`],
      );
      expect(routed.platform_closed_quantity).toBe(routed.quantity);
      const sentBefore = w.platforms.fakes.reduce((n, f) => n + f.orders().length, 0);
      const r = await w.t.request('POST', '/api/webhooks/tradingview', {
        body: {
          secret: 'flatten-e2e-webhook-secret',
          trade_id: `fl-${key}-1`,
          symbol: 'NQ',
          action: 'exit',
          accounts: label,
        },
      });
      expect(r.status).toBe(202);
      const exit = await waitFor('the exit task', async () => {
        const task = await w.t.request('GET', `/api/execution/tasks/${r.body.task_id}`, { token: w.token });
        return task.body.status === 'COMPLETED' ? task.body : null;
      });
      expect(exit.result.connector_results.every((c: { status: string }) => c.status === 'SKIPPED')).toBe(
        true,
      );
      expect(w.platforms.fakes.reduce((n, f) => n + f.orders().length, 0)).toBe(sentBefore);
    });

    it('already flat → ALREADY_FLAT, nothing sent, recorded quietly (no notice)', async () => {
      const id = w.ids[label];
      const notices = await w.rows(`SELECT id FROM notification_outbox WHERE kind = 'account.flattened'`);
      const outcome = await flatten(id, 'again');
      expect(outcome).toMatchObject({ status: 'ALREADY_FLAT', closed: [], cancelledOrders: 0, error: null });
      const [record] = await w.rows('SELECT outcome FROM account_flattens WHERE id = $1', [
        outcome.flattenId,
      ]);
      expect(record.outcome).toBe('ALREADY_FLAT');
      expect(
        await w.rows(`SELECT id FROM notification_outbox WHERE kind = 'account.flattened'`),
      ).toHaveLength(notices.length);
    });
  });

  it('two flattens at once never close twice: one FLAT, the other finds the account flat', async () => {
    const id = w.ids['apex-fl-1'];
    await w.open('apex-fl-1', 'fl-race-1');
    const outcomes = await Promise.all([flatten(id, 'first'), flatten(id, 'second')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ALREADY_FLAT', 'FLAT']);
    expect(held(await w.snapshot(id))).toEqual({});
    const closes = await w.rows(
      `SELECT o.id FROM orders o JOIN account_flattens f ON f.id = o.flatten_id WHERE f.reason IN ('first', 'second')`,
    );
    expect(closes).toHaveLength(1);
  });

  it('the platform down → FAILED with the reason, recorded and notified; nothing thrown', async () => {
    const id = w.ids['apex-fl-2'];
    const fake = w.platforms.byFirm.APEX;
    fake.addFault({ fault: { kind: 'http', status: 503 } });
    try {
      const outcome = await flatten(id, 'platform down');
      expect(outcome).toMatchObject({ accountId: id, status: 'FAILED', closed: [], cancelledOrders: 0 });
      expect(outcome.error).toMatch(/^the platform could not be read: .*503/);
      const [record] = await w.rows('SELECT outcome, error FROM account_flattens WHERE id = $1', [
        outcome.flattenId,
      ]);
      expect(record).toEqual({ outcome: 'FAILED', error: outcome.error });
      const notices = await w.rows(
        `SELECT payload FROM notification_outbox WHERE kind = 'account.flattened' AND account_id = $1`,
        [id],
      );
      expect(notices.map((n) => n.payload.outcome)).toEqual(['FAILED']);
    } finally {
      fake.clearFaults();
    }
  });

  it('in a dry run (EXECUTION_DRY_RUN) the closes are recorded SKIPPED, nothing is sent or cancelled', async () => {
    const id = w.ids['apex-fl-2'];
    await w.open('apex-fl-2', 'fl-dry-1');
    const before = await w.snapshot(id);
    // a second process on the same database (and master key), in a dry run
    const dry = await startTestApp({
      db: w.t.db,
      env: {
        EXECUTION_DRY_RUN: 'true',
        ROUTER_ENABLED: 'false',
        PROPROUTER_DATA_DIR: process.env.PROPROUTER_DATA_DIR!,
      },
    });
    try {
      const outcome = await dry.app.get(AccountFlattener).flatten({
        accountId: id,
        cause: 'operator',
        reason: 'dry',
        requestedBy: 'admin',
      });
      expect(outcome).toMatchObject({
        status: 'DRY_RUN',
        closed: [{ symbol: 'NQZ5', quantity: 1 }],
        cancelledOrders: before.workingOrders.length,
        error: null,
      });
      const after = await w.snapshot(id);
      expect(held(after)).toEqual(held(before));
      expect(after.workingOrders).toHaveLength(before.workingOrders.length);
      const orders = await w.rows(
        'SELECT status, error_message, quantity FROM orders WHERE flatten_id = $1',
        [outcome.flattenId],
      );
      expect(orders).toEqual([{ status: 'SKIPPED', error_message: 'GLOBAL_DRY_RUN_ENABLED', quantity: 1 }]);
      const [record] = await w.rows('SELECT outcome FROM account_flattens WHERE id = $1', [
        outcome.flattenId,
      ]);
      expect(record.outcome).toBe('DRY_RUN');
    } finally {
      await dry.close();
    }
    expect((await flatten(id, 'for real')).status).toBe('FLAT');
  });

  it('an unknown account → FAILED, nothing recorded', async () => {
    expect(await flatten(999_999)).toEqual({
      accountId: 999_999,
      status: 'FAILED',
      closed: [],
      cancelledOrders: 0,
      error: 'account 999999 does not exist',
      flattenId: null,
    });
  });
});
