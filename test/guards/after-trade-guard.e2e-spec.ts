import { DateTime } from 'luxon';
import { waitFor } from '../routing/support/wait';
import { FLATTEN_SECRET, FlattenWorld, held, startFlattenWorld } from './support/flatten-world';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * The guard after the trade (issue 16) end to end on Postgres and the Tradovate fake, with a moving price:
 * two APEX 50K accounts (daily loss limit 2,500) each hold one NQ long from 21000 with its bracket working.
 * The first keeps a guard buffer of 80 % of the limit (it acts once the day's loss reaches 500: the limit is
 * then 2,000 away), the second the default 10 %. As the price falls the first account's open loss grows into
 * its buffer and, on the platform read that shows it (the sweep is slowed to a minute, so the read is what
 * triggers), it is halted and flattened — bracket cancelled, position closed — once, with `halt.set` and
 * `account.flattened` queued; the second account, with the same loss, is untouched.
 */
describe('guard after the trade (e2e, Tradovate fake, moving price)', () => {
  let w: FlattenWorld;
  let guarded: number;
  let sibling: number;
  const state = async (id: number) =>
    (await w.t.request('GET', `/api/accounts/${id}/state`, { token: w.token })).body as Row;
  const trips = () => w.rows('SELECT * FROM guard_trips ORDER BY id');
  /** Moves the fake's price and waits for both accounts' synced open P&L to show it. */
  const moveTo = async (price: string, openPnl: number) => {
    w.platforms.setPrice('NQ', price);
    for (const id of [guarded, sibling])
      await waitFor(`open P&L ${openPnl} on account ${id}`, async () => {
        const s = await state(id);
        return s.open_pnl === openPnl || s.open_contracts === 0 ? s : null;
      });
  };

  beforeAll(async () => {
    w = await startFlattenWorld('guard_after_trade', {
      SYNC_POLL_INTERVAL_MS: '200',
      GUARD_SWEEP_MS: '60000',
    });
    guarded = w.ids['apex-fl-1'];
    sibling = w.ids['apex-fl-2'];
    const set = await w.t.request('PATCH', `/api/accounts/${guarded}`, {
      token: w.token,
      body: { guard_buffer: 0.8 },
    });
    expect(set.body.guard_buffer).toBe(0.8);
  });
  afterAll(() => w?.close());

  it('the loss grows into the buffer: halted, flattened (bracket cancelled), notified, once; the sibling untouched', async () => {
    for (const [label, trade] of [
      ['apex-fl-1', 'guard-1'],
      ['apex-fl-2', 'guard-2'],
    ])
      expect((await w.open(label, trade)).result.outcome).toBe('ROUTED');
    for (const id of [guarded, sibling])
      await waitFor(`the position of ${id} synced`, async () => (await state(id)).open_contracts === 1);
    expect((await w.snapshot(guarded)).workingOrders.length).toBeGreaterThanOrEqual(1);

    await moveTo('20990', -200);
    await moveTo('20980.25', -395);
    expect(await trips()).toEqual([]); // 2,105 left: 5 outside the 2,000 buffer

    await moveTo('20975', -500); // 2,000 left: at the buffer
    const [trip] = await waitFor('the guard to act', async () => {
      const rows = await trips();
      return rows[0]?.completed_at ? rows : null;
    });
    expect(trip).toMatchObject({
      account_id: guarded,
      rule: 'daily_loss',
      limit_amount: '2500',
      room_left: '2000',
      buffer_amount: '2000',
      flatten_status: 'FLAT',
      last_error: null,
    });
    // a soft rule: halted until the firm's trading day ends (17:00 New York)
    const day = (await state(guarded)).trading_day as string;
    const dayEnd = DateTime.fromISO(`${day}T17:00`, { zone: 'America/New_York' }).toJSDate();
    expect(trip.halt_until).toEqual(dayEnd);
    expect(trip.reason).toBe(
      'guard: $2000.00 left before the daily loss limit of $2500.00, within the 80 % buffer ($2000.00); flattened and halted until the trading day ends',
    );
    const after = await w.snapshot(guarded);
    expect(held(after)).toEqual({});
    expect(after.workingOrders).toEqual([]);
    const [flatten] = await w.rows('SELECT * FROM account_flattens WHERE account_id = $1', [guarded]);
    expect(flatten).toMatchObject({
      id: trip.flatten_id,
      cause: 'guard',
      outcome: 'FLAT',
      requested_by: 'guard',
    });
    const halts = await w.rows('SELECT * FROM trading_halts WHERE cleared_at IS NULL');
    expect(halts).toHaveLength(1);
    expect(halts[0]).toMatchObject({
      id: trip.halt_id,
      created_by: 'guard',
      account_id: guarded,
      expires_at: dayEnd,
    });
    expect(halts[0].reason).toContain('apex-fl-1');

    const events = await w.rows(
      `SELECT kind, account_id, payload FROM notification_outbox WHERE kind IN ('halt.set', 'account.flattened') ORDER BY id`,
    );
    expect(events.map((e) => e.kind)).toEqual(['halt.set', 'account.flattened']);
    expect(events[0]).toMatchObject({ account_id: guarded, payload: { account_label: 'apex-fl-1' } });
    expect(events[1]).toMatchObject({
      account_id: guarded,
      payload: { cause: 'guard', outcome: 'FLAT', account_label: 'apex-fl-1' },
    });

    // the sibling, at the same loss with the default 10 % buffer, keeps its position and bracket
    expect(Object.values(held(await w.snapshot(sibling)))).toEqual([1]);
    expect((await w.snapshot(sibling)).workingOrders.length).toBeGreaterThanOrEqual(1);
    expect(await w.rows('SELECT id FROM account_flattens WHERE account_id = $1', [sibling])).toEqual([]);

    // later reads (the price falls further, the account is flat) add nothing
    await moveTo('20960', -800);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await trips()).toHaveLength(1);
    expect(await w.rows('SELECT id FROM account_flattens')).toHaveLength(1);
    expect(await w.rows('SELECT id FROM trading_halts')).toHaveLength(1);

    // the halt holds: a new entry on the guarded account is refused
    const entry = await w.t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: FLATTEN_SECRET,
        trade_id: 'guard-3',
        symbol: 'NQ',
        action: 'buy',
        accounts: 'apex-fl-1',
      },
    });
    expect(entry.status).toBe(202);
    const done = await waitFor('the refused entry', async () => {
      const task = await w.t.request('GET', `/api/execution/tasks/${entry.body.task_id}`, { token: w.token });
      return task.body.status === 'COMPLETED' || task.body.status === 'FAILED' ? (task.body as Row) : null;
    });
    expect(JSON.stringify(done)).toContain('TRADING_HALT');

    // the sibling is not halted: its next entry is routed
    const next = await w.open('apex-fl-2', 'guard-4');
    expect(next.result.outcome).toBe('ROUTED');
  }, 90_000);
});
