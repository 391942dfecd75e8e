import { Clock } from '../../src/platform/time/clock';
import { RiskCheckRequest, RiskGate } from '../../src/risk/application/ports/risk-gate.port';
import { RiskStateReader } from '../../src/risk/application/ports/risk-state.reader.port';
import { SyncedAccountState } from '../../src/risk/application/ports/synced-account-state.port';
import type { PlatformAccountSnapshot, PlatformFill } from '../../src/shared-kernel/platform-state';
import { withClient } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from './support/risk.fakes';

// Registry seed: program 4 = APEX 50k. APEX_MAX_POSITION_SIZE 2: an account holding 1 has room for one more.
const T0 = new Date('2026-03-09T16:00:00.000Z'); // Monday 12:00 New York
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Platform sync on Postgres: fills once per id, no lost update, stale state, pending exposure from `orders`. */
describe('platform-synced account state (integration, Postgres)', () => {
  const clock = new FakeClock(T0);
  let t: TestApp;
  let sync: SyncedAccountState;
  let gate: RiskGate;
  let reader: RiskStateReader;
  let admin: string;
  const accounts: number[] = [];
  let taskId: number;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'risk_synced_state',
      // the clock is frozen in March: the notification watches (dead-man, limits) are not this file's subject
      env: {
        APEX_ENABLED: 'true',
        APEX_PLATFORM: 'tradovate',
        APEX_MAX_POSITION_SIZE: '2',
        NOTIFY_ENABLED: 'false',
      },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    sync = t.app.get(SyncedAccountState);
    gate = t.app.get(RiskGate);
    reader = t.app.get(RiskStateReader);
    admin = await t.login();
    const connection = await t.request('POST', '/api/accounts/connections', {
      token: admin,
      body: {
        name: 'apex-login',
        platform: 'tradovate',
        environment: 'demo',
        credentials: {
          username: 'trader1',
          password: 'tradovate-pass-1',
          app_id: 'app',
          cid: '42',
          sec: 's',
        },
      },
    });
    for (const n of [1, 2, 3, 4]) {
      const r = await t.request('POST', '/api/accounts', {
        token: admin,
        body: {
          label: `apex-${n}`,
          firm_code: 'APEX',
          program_id: 4,
          connection_id: connection.body.id,
          platform_account: `100${n}`,
          platform_account_spec: `DEMO100${n}`,
        },
      });
      expect(r.status).toBe(201);
      accounts.push(r.body.id as number);
    }
    taskId = await withClient(t.db.url, async (c) => {
      const r = await c.query(
        `INSERT INTO execution_tasks (trade_id, event_type, payload) VALUES ('sync-t', 'entry', '{}') RETURNING id`,
      );
      return Number(r.rows[0].id);
    });
  });
  afterAll(() => t?.close());

  const ref = (accountId: number) => ({ accountId, firmCode: 'APEX', programId: 4 });
  const snap = (accountId: number, o: Partial<PlatformAccountSnapshot> = {}): PlatformAccountSnapshot => ({
    accountId,
    balance: null,
    openPnl: null,
    realizedPnl: null,
    positions: [],
    fills: [],
    workingOrders: [],
    readAt: clock.now().toISOString(),
    ...o,
  });
  const fill = (fillId: string, side: 'BUY' | 'SELL', price: string, o: Partial<PlatformFill> = {}) => ({
    fillId,
    orderId: null,
    clientOrderId: null,
    symbol: 'NQH6',
    side,
    quantity: 1,
    price,
    filledAt: at(-60_000).toISOString(),
    ...o,
  });
  const req = (accountId: number, quantity = 1): RiskCheckRequest => ({
    firmCode: 'APEX',
    accountId,
    programIds: [4],
    eventType: 'entry',
    symbol: 'NQ1!',
    side: 'buy',
    quantity,
    entryPrice: 21500,
    stopLoss: 21490,
    riskPercent: null,
  });
  const row = (accountId: number) =>
    withClient(t.db.url, async (c) => {
      const r = await c.query(
        `SELECT source, confirmed_at, realized_pnl_today::text AS realized, balance::text AS balance, open_contracts,
                (SELECT count(*)::int FROM account_fills f WHERE f.account_id = s.account_id) AS fills
           FROM account_states s WHERE firm_code = 'APEX' AND program_id = 4 AND account_id = $1`,
        [accountId],
      );
      return r.rows[0];
    });
  const order = (
    accountId: number,
    // createdAt: also when the platform answered it (updated_at)
    o: { client: string; status: string; createdAt: Date; external?: string },
  ) =>
    withClient(t.db.url, (c) =>
      c.query(
        `INSERT INTO orders (task_id, trade_id, event_type, firm_code, program_id, client_order_id, external_order_id,
                             symbol, side, quantity, status, account_id, created_at, updated_at)
         VALUES ($1, 'sync-t', 'entry', 'APEX', 4, $2, $3, 'NQH6', 'BUY', 1, $4, $5, $6, $6)`,
        [taskId, o.client, o.external ?? null, o.status, accountId, o.createdAt],
      ),
    );
  const pendingOf = async (accountId: number) => {
    const r = await reader.read(['APEX'], [{ firmCode: 'APEX', programId: 4, accountId }]);
    const { buy, sell } = r.pending.get(`APEX:4:${accountId}`) ?? { buy: 0, sell: 0 };
    return { buy, sell };
  };

  it('applies a snapshot twice with the same fills: each fill counted once, exact to the cent', async () => {
    const [a] = accounts;
    clock.current = T0;
    const fills = [
      fill('f-1', 'BUY', '21500.25', { quantity: 2 }),
      fill('f-2', 'SELL', '21475.25', { quantity: 2 }),
    ];
    expect((await sync.apply(ref(a), snap(a, { fills }))).newFills).toBe(2);
    expect((await sync.apply(ref(a), snap(a, { fills: [...fills].reverse() }))).newFills).toBe(0);
    expect(await row(a)).toMatchObject({ source: 'platform', realized: '-1000', balance: '49000', fills: 2 });
    expect((await row(a)).confirmed_at).toEqual(T0);
  });

  it('two concurrent applies lose no update: both fills folded, a repeated fill once', async () => {
    const [, b] = accounts;
    const buy = fill('c-1', 'BUY', '21500');
    const sell = fill('c-2', 'SELL', '21510');
    const results = await Promise.all([
      sync.apply(ref(b), snap(b, { fills: [buy] })),
      sync.apply(ref(b), snap(b, { fills: [sell] })),
      sync.apply(ref(b), snap(b, { fills: [buy, sell] })),
      sync.apply(ref(b), snap(b, { fills: [sell] })),
    ]);
    expect(results.reduce((n, r) => n + r.newFills, 0)).toBe(2);
    expect(await row(b)).toMatchObject({ realized: '200', balance: '50200', fills: 2 });
  });

  it('rejects entries on a platform state not confirmed within SYNC_STALE_MS, approves once confirmed again', async () => {
    const [, , c] = accounts;
    clock.current = T0;
    await sync.apply(ref(c), snap(c));
    clock.current = at(10_000);
    expect((await gate.check([req(c)]))[0].status).toBe('APPROVED');
    clock.current = at(10_001);
    const [stale] = await gate.check([req(c)]);
    expect(stale).toMatchObject({ status: 'REJECTED', rule: 'ACCOUNT_STATE_STALE' });
    expect(stale.reason).toContain('10.001 s ago');
    await sync.apply(ref(c), snap(c));
    expect((await gate.check([req(c)]))[0].status).toBe('APPROVED');
    // a manual write makes it manual: never stale
    const put = await t.request('PUT', `/api/accounts/${c}/state`, {
      token: admin,
      body: { balance: 50100 },
    });
    expect(put.body).toMatchObject({ source: 'manual', confirmed_at: null });
    clock.current = at(3_600_000);
    expect((await gate.check([req(c)]))[0].status).toBe('APPROVED');
  });

  it('shows where a state came from and when the platform confirmed it', async () => {
    const [a] = accounts;
    const r = await t.request('GET', `/api/accounts/${a}/state`, { token: admin });
    expect(r.body).toMatchObject({
      source: 'platform',
      confirmed_at: T0.toISOString(),
      realized_pnl_today: -1000,
    });
    const list = await t.request('GET', '/api/risk/accounts?limit=100', { token: admin });
    const mine = list.body.items.find((s: { account_id: number }) => s.account_id === a);
    expect(mine).toMatchObject({ source: 'platform', confirmed_at: T0.toISOString() });
  });

  it('counts entries sent and not yet reported filled: two entries of one batch with room for one → one approved', async () => {
    const [, , , d] = accounts;
    clock.current = T0;
    const holding = [{ symbol: 'NQH6', netQuantity: 1, averagePrice: '21500' }];
    await sync.apply(ref(d), snap(d, { positions: holding, workingOrders: [] }));
    clock.current = at(1000);
    // one batch (one read): the first entry takes the room, the second sees it as pending
    const reading = (await gate.snapshot([req(d), req(d)]))!;
    expect(reading.check([req(d)])[0].status).toBe('APPROVED');
    expect(reading.check([req(d)])[0]).toMatchObject({ status: 'REJECTED', rule: 'MAX_POSITION_SIZE' });
    // the first one's order row, sent after the platform's read: pending for the next read
    await order(d, { client: 'pr-d-1', status: 'PENDING_SEND', createdAt: at(500) });
    expect(await pendingOf(d)).toEqual({ buy: 1, sell: 0 });
    const [next] = await gate.check([req(d)]);
    expect(next).toMatchObject({ status: 'REJECTED', rule: 'MAX_POSITION_SIZE' });
    expect(next.details).toMatchObject({
      open_contracts: 1,
      pending_buy_contracts: 1,
      projected_contracts: 3,
    });
  });

  it('stops counting an order once its fill is reported (by client or platform order id) or a later read saw it', async () => {
    const [, , , d] = accounts;
    // older orders: one the platform's next read will not list (filled or cancelled before it), one still working
    await order(d, { client: 'pr-d-0', status: 'SUCCESS', createdAt: at(-5000), external: 'x-0' });
    await order(d, { client: 'pr-d-w', status: 'SUCCESS', createdAt: at(-4000), external: 'x-w' });
    await order(d, { client: 'pr-d-2', status: 'SUCCESS', createdAt: at(600), external: 'x-2' });
    await order(d, { client: 'pr-d-f', status: 'FAILED', createdAt: at(700) });
    expect(await pendingOf(d)).toEqual({ buy: 2, sell: 0 }); // pr-d-1 and pr-d-2 (after the read), not the FAILED one
    clock.current = at(2000);
    const working = {
      orderId: 'x-w',
      clientOrderId: null,
      symbol: 'NQH6',
      side: 'BUY' as const,
      quantity: 1,
    };
    await sync.apply(
      ref(d),
      snap(d, {
        positions: [{ symbol: 'NQH6', netQuantity: 2, averagePrice: '21500' }],
        fills: [fill('d-1', 'BUY', '21500', { clientOrderId: 'pr-d-1', filledAt: at(900).toISOString() })],
        workingOrders: [{ ...working, type: 'LIMIT', stopPrice: null, limitPrice: '21400' }],
      }),
    );
    // pr-d-1 filled (its id), pr-d-2 created before the read that does not list it: gone; pr-d-w still working
    expect(await pendingOf(d)).toEqual({ buy: 1, sell: 0 });
    await order(d, { client: 'pr-d-3', status: 'SUCCESS', createdAt: at(2500), external: 'x-3' });
    expect(await pendingOf(d)).toEqual({ buy: 2, sell: 0 });
    clock.current = at(3000);
    await sync.apply(
      ref(d),
      snap(d, {
        fills: [fill('d-3', 'BUY', '21501', { orderId: 'x-3', filledAt: at(2600).toISOString() })],
        workingOrders: [{ ...working, type: 'LIMIT', stopPrice: null, limitPrice: '21400' }],
      }),
    );
    expect(await pendingOf(d)).toEqual({ buy: 1, sell: 0 }); // pr-d-3 filled (platform order id); pr-d-w working
  });
});
