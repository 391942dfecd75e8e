import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { isRoutedOrder } from '../support/platforms';
import {
  AccountSpec,
  ACCOUNTS,
  databaseDump,
  FanOut,
  leaks,
  netPosition,
  rootOf,
  startFanOut,
} from './support/fan-out';

/**
 * Issue 13 "Done means", part 1: one alert fans out to every enabled trading account, each sized, risk-checked
 * and sent on its own (the built service on Postgres, configured through the API, against the loopback fakes).
 */
const POINT_VALUE: Record<string, number> = { NQ: 20, MNQ: 2, ES: 50 };

describe('fan-out to trading accounts (e2e, built service)', () => {
  let f: FanOut;

  beforeAll(async () => {
    f = await startFanOut('fan_out');
  }, 120_000);
  afterAll(() => f?.close());

  /** The entry orders of one task at the fakes, per platform account id (bracket children excluded). */
  const ordersOf = (taskId: number) => {
    const out = new Map<string, FakeOrderRecord[]>();
    for (const fake of f.platforms.fakes)
      for (const o of fake.orders())
        if (o.clientOrderId?.startsWith(`pr${taskId}-`) && isRoutedOrder(o))
          out.set(o.accountId ?? '', [...(out.get(o.accountId ?? '') ?? []), o]);
    return out;
  };
  /** [platform account, root, side, quantity] of every entry order of a task, sorted. */
  const sent = (taskId: number) =>
    [...ordersOf(taskId)]
      .flatMap(([account, orders]) => orders.map((o) => [account, rootOf(o.symbol), o.side, o.quantity]))
      .sort();

  /**
   * Seed 13E per account, computed here from the registry's programs: fixed → its quantity; multiplier →
   * ⌊alert quantity × m⌋; risk → the alert's quantity when it gives one (validated), else
   * ⌊account size × risk % / (stop distance × point value)⌋ capped at the program's max contracts.
   */
  const expectedQuantity = (
    spec: AccountSpec,
    alert: { symbol: string; quantity?: number; risk_percent?: number; stop_distance?: number },
  ) => {
    const root = spec.symbol_map?.[alert.symbol] ?? alert.symbol;
    if (spec.sizing_mode === 'fixed') return { root, quantity: spec.fixed_quantity! };
    if (spec.sizing_mode === 'multiplier')
      return { root, quantity: Math.floor(alert.quantity! * Number(spec.quantity_multiplier)) };
    if (alert.quantity !== undefined) return { root, quantity: alert.quantity };
    const program = f.programs[spec.program];
    const raw = Math.floor(
      (program.accountSize * alert.risk_percent!) / (alert.stop_distance! * POINT_VALUE[root]),
    );
    return { root, quantity: program.maxContracts === null ? raw : Math.min(raw, program.maxContracts) };
  };

  it('one alert → exactly one order per enabled account, at its platform account, with its own size', async () => {
    const task = await f.routed({ trade_id: 'fan-1', symbol: 'NQ', side: 'buy', quantity: 5 });
    expect(task.status).toBe('COMPLETED');
    expect(task.result.outcome).toBe('ROUTED');
    expect(task.result.account_counts).toMatchObject({ targeted: 8, success: 8, rejected: 0 });
    const expected = ACCOUNTS.map((a) => {
      const { root, quantity } = expectedQuantity(a, { symbol: 'NQ', quantity: 5 });
      return [a.platform_account, root, 'BUY', quantity];
    }).sort();
    // the mapped account trades MNQ, the fixed one 2, the multiplier one ⌊5 × 0.5⌋ = 2, the others 5
    expect(expected).toEqual(
      [
        ['7001', 'NQ', 'BUY', 5],
        ['7002', 'NQ', 'BUY', 5],
        ['7003', 'MNQ', 'BUY', 5],
        ['7004', 'NQ', 'BUY', 2],
        ['7005', 'NQ', 'BUY', 2],
        ['8801', 'NQ', 'BUY', 5],
        ['8802', 'NQ', 'BUY', 5],
        ['FTMO-9001', 'NQ', 'BUY', 5],
      ].sort(),
    );
    expect(sent(task.id)).toEqual(expected);
    // Tradovate orders name the account spec too: apex-1's was read from the login's /account/list
    const tradovate = f
      .fake('tradovate')
      .orders()
      .filter((o) => o.clientOrderId?.startsWith(`pr${task.id}-`));
    expect(tradovate.map((o) => [o.accountId, o.accountSpec]).sort()).toEqual(
      [7001, 7002, 7003, 7004, 7005].map((id) => [String(id), `APEX-${id}`]),
    );
    // every result element names its account; the orders too
    const labels = ACCOUNTS.map((a) => a.label).sort();
    expect(task.result.connector_results.map((c: Row) => c.account_label).sort()).toEqual(labels);
    expect(task.result.risk_checks.map((c: Row) => [c.account_label, c.status]).sort()).toEqual(
      labels.map((l) => [l, 'APPROVED']),
    );
    expect(task.result.program_sizing.map((c: Row) => [c.account_label, c.status]).sort()).toEqual(
      labels.map((l) => [l, 'APPROVED']),
    );
    const orders = await f.api('GET', `/api/execution/orders?task_id=${task.id}&limit=100`);
    expect(
      orders.body.items.map((o: Row) => [o.account_id, o.account_label, o.status, o.quantity]).sort(),
    ).toEqual(
      ACCOUNTS.map((a) => [
        f.ids[a.label],
        a.label,
        'SUCCESS',
        expectedQuantity(a, { symbol: 'NQ', quantity: 5 }).quantity,
      ]).sort(),
    );
    // client order ids are unique per task × account
    expect(new Set(orders.body.items.map((o: Row) => o.client_order_id)).size).toBe(8);
  });

  it("risk-mode accounts size from their own program's rule when the alert gives no quantity", async () => {
    const riskAccounts = ACCOUNTS.filter((a) => (a.sizing_mode ?? 'risk') === 'risk');
    const alert = { symbol: 'NQ', risk_percent: 0.01, stop_distance: 10 };
    const task = await f.routed({
      trade_id: 'fan-risk',
      ticker: 'NQ1!',
      action: 'buy',
      price: 21010,
      stopLoss: { stopPrice: 21000 },
      risk_percent: 0.01,
      accounts: riskAccounts.map((a) => a.label).join(','),
    });
    expect(task.result.outcome).toBe('ROUTED');
    const expected = riskAccounts
      .map((a) => {
        const { root, quantity } = expectedQuantity(a, alert);
        return [a.platform_account, root, 'BUY', quantity];
      })
      .sort();
    // 1 % of 50k / 100k / 200k over 10 NQ points ($20 a point): 2 / 5 / 10; the 200k account on MNQ ($2): 100
    expect(expected).toEqual(
      [
        ['7001', 'NQ', 'BUY', 2],
        ['7002', 'NQ', 'BUY', 5],
        ['7003', 'MNQ', 'BUY', 100],
        ['8801', 'NQ', 'BUY', 2],
        ['8802', 'NQ', 'BUY', 10],
        ['FTMO-9001', 'NQ', 'BUY', 5],
      ].sort(),
    );
    expect(sent(task.id)).toEqual(expected);
  });

  /** The platform accounts a task's entry orders went to, sorted. */
  const accountsOf = (taskId: number) => [...ordersOf(taskId).keys()].sort();
  const patch = async (label: string, body: object) => {
    const r = await f.api('PATCH', `/api/accounts/${f.ids[label]}`, body);
    expect({ label, status: r.status }).toEqual({ label, status: 200 });
  };

  it('an account added, disabled or re-tagged through the API changes the next alert, without a restart', async () => {
    const pid = f.svc.pid;
    const nq = { symbol: 'NQ', side: 'buy', quantity: 1, account_tags: 'nq' };
    const first = await f.routed({ ...nq, trade_id: 'tags-1' });
    expect(accountsOf(first.id)).toEqual(['7001', '7003', '8801']); // apex-1, apex-micro, top-1

    await f.createAccount({
      label: 'apex-6',
      firm_code: 'APEX',
      platform: 'tradovate',
      platform_account: '7006',
      platform_account_spec: 'APEX-7006',
      program: 'apex100',
      tags: ['apex', 'nq'],
    });
    await patch('apex-1', { enabled: false });
    await patch('top-2', { tags: ['topstep', 'nq'] });
    await patch('apex-micro', { tags: ['apex', 'micro'] });
    const second = await f.routed({ ...nq, trade_id: 'tags-2' });
    expect(accountsOf(second.id)).toEqual(['7006', '8801', '8802']); // apex-6, top-1, top-2
    expect(second.result.connector_results.map((c: Row) => [c.account_label, c.status]).sort()).toEqual([
      ['apex-6', 'SUCCESS'],
      ['top-1', 'SUCCESS'],
      ['top-2', 'SUCCESS'],
    ]);

    // back to the set-up (apex-6 disabled: it has orders, so it stays), and the next alert follows again
    await patch('apex-6', { enabled: false });
    await patch('apex-1', { enabled: true });
    await patch('top-2', { tags: ['topstep'] });
    await patch('apex-micro', { tags: ['apex', 'nq', 'micro'] });
    const third = await f.routed({ ...nq, trade_id: 'tags-3' });
    expect(accountsOf(third.id)).toEqual(['7001', '7003', '8801']);
    expect({ pid: f.svc.pid, exited: f.svc.proc.exitCode }).toEqual({ pid, exited: null });
  });

  it("an alert without program_ids still gets every account's program limits (MAX_CONTRACTS per account)", async () => {
    // the registry's Topstep 50k program gets a 3-contract limit through the API; the Apex 25k one has it
    const top50 = f.programs.top50.id;
    const program = (await f.api('GET', `/api/prop-registry/programs/${top50}`)).body;
    const limited = await f.api('PATCH', `/api/prop-registry/programs/${top50}`, {
      meta: { ...program.meta, max_contracts: 3 },
    });
    expect(limited.status).toBe(200);
    try {
      const task = await f.routed({ trade_id: 'limits-1', symbol: 'NQ', side: 'buy', quantity: 8 });
      // top-1: 8 > 3 (Topstep 50k); apex-half: ⌊8 × 0.5⌋ = 4 > 3 (Apex 25k); the others route
      const rejected = task.result.program_sizing
        .filter((s: Row) => s.status === 'REJECTED')
        .map((s: Row) => [s.account_label, s.program_id, s.rule]);
      expect(rejected.sort()).toEqual([
        ['apex-half', f.programs.apex25.id, 'MAX_CONTRACTS'],
        ['top-1', top50, 'MAX_CONTRACTS'],
      ]);
      expect(sent(task.id)).toEqual(
        [
          ['7001', 'NQ', 'BUY', 8],
          ['7002', 'NQ', 'BUY', 8],
          ['7003', 'MNQ', 'BUY', 8],
          ['7004', 'NQ', 'BUY', 2],
          ['8802', 'NQ', 'BUY', 8],
          ['FTMO-9001', 'NQ', 'BUY', 8],
        ].sort(),
      );
      expect(task.result.connector_results.map((c: Row) => c.account_label).sort()).toEqual(
        ['apex-1', 'apex-2', 'apex-micro', 'apex-fixed', 'top-2', 'ftmo-1'].sort(),
      );
      expect(task.result.outcome).toBe('ROUTED');
      expect(task.result.account_counts).toMatchObject({ targeted: 8, rejected: 2, success: 6 });
    } finally {
      await f.api('PATCH', `/api/prop-registry/programs/${top50}`, { meta: program.meta });
    }
  });

  it("risk per account: one account's own state (a day's loss) refuses only that account", async () => {
    // Topstep 200k: 5 % daily loss = 10,000; a 9,900 loss today leaves 100, a 1-lot NQ over 10 points risks 200
    const state = `/api/accounts/${f.ids['top-2']}/state`;
    const put = await f.api('PUT', state, { realized_pnl_today: -9900 });
    expect(put.status).toBe(200);
    try {
      const task = await f.routed({
        trade_id: 'state-1',
        symbol: 'NQ',
        side: 'buy',
        quantity: 1,
        price: 21010,
        stopLoss: { stopPrice: 21000 },
        accounts: ['top-1', 'top-2', 'apex-2'],
      });
      expect(task.result.risk_checks.map((r: Row) => [r.account_label, r.status, r.rule]).sort()).toEqual([
        ['apex-2', 'APPROVED', null],
        ['top-1', 'APPROVED', null],
        ['top-2', 'REJECTED', 'DAILY_LOSS_LIMIT'],
      ]);
      expect(accountsOf(task.id)).toEqual(['7002', '8801']);
      expect(task.result.outcome).toBe('ROUTED');
    } finally {
      await f.api('PUT', state, { realized_pnl_today: 0 });
    }
  });

  it("size to fit: a computed quantity too large for the day is sized down; a trader's quantity is refused", async () => {
    // Topstep 200k: 10,000 daily loss, 9,500 lost today leaves 500; 1 % risk over 10 NQ points sizes 10 (200
    // each): 2 fit (400 < 500), a 3rd would cross (600)
    const state = `/api/accounts/${f.ids['top-2']}/state`;
    expect((await f.api('PUT', state, { realized_pnl_today: -9500 })).status).toBe(200);
    try {
      const alert = {
        symbol: 'NQ',
        side: 'buy',
        price: 21010,
        stopLoss: { stopPrice: 21000 },
        accounts: ['top-2'],
      };
      const sized = await f.routed({ ...alert, trade_id: 'fit-1', risk_percent: 0.01 });
      expect(sized.result.outcome).toBe('ROUTED');
      expect(sized.result.program_sizing[0]).toMatchObject({ status: 'APPROVED', computed_quantity: 10 });
      expect(sized.result.risk_checks[0]).toMatchObject({
        status: 'APPROVED',
        rule: 'DAILY_LOSS_LIMIT',
        approved_quantity: 2,
        details: { capped_from: 10, approved_quantity: 2, worst_case: 400 },
      });
      expect(sent(sized.id)).toEqual([['8802', 'NQ', 'BUY', 2]]);
      const orders = await f.api('GET', `/api/execution/orders?task_id=${sized.id}&limit=10`);
      expect(orders.body.items.map((o: Row) => o.quantity)).toEqual([2]);
      // the trader's own quantity is validated, never reduced: 10 × 200 against at most 500 left
      const given = await f.routed({ ...alert, trade_id: 'fit-2', quantity: 10 });
      expect(given.result.risk_checks[0]).toMatchObject({ status: 'REJECTED', rule: 'DAILY_LOSS_LIMIT' });
      expect(given.result.risk_checks[0].approved_quantity).toBeUndefined();
      expect(sent(given.id)).toEqual([]);
    } finally {
      await f.api('PUT', state, { realized_pnl_today: 0 });
    }
  });

  it('exits close, per account, what the entry opened in that account; an account the entry skipped is SKIPPED', async () => {
    const byLabel = Object.fromEntries(ACCOUNTS.map((a) => [a.label, a]));
    const position = (label: string, root: string) =>
      netPosition(f.fake(byLabel[label].platform), byLabel[label].platform_account, root);
    const labels = ACCOUNTS.map((a) => a.label);
    const nqBefore = labels.map((l) => position(l, 'NQ'));
    // the entry skips apex-2
    const entry = await f.routed({
      trade_id: 'exit-1',
      symbol: 'ES',
      side: 'buy',
      quantity: 3,
      accounts: labels.filter((l) => l !== 'apex-2'),
    });
    expect(entry.result.outcome).toBe('ROUTED');
    const opened = { 'apex-fixed': 2, 'apex-half': 1, 'apex-2': 0 } as Record<string, number>;
    expect(labels.map((l) => [l, position(l, 'ES')])).toEqual(labels.map((l) => [l, opened[l] ?? 3]));

    const exit = await f.routed({ trade_id: 'exit-1', symbol: 'ES', action: 'exit' });
    expect(exit.result.event_type).toBe('exit');
    expect(
      exit.result.connector_results.map((c: Row) => [c.account_label, c.status, c.error_message]).sort(),
    ).toEqual(
      labels.map((l) => (l === 'apex-2' ? [l, 'SKIPPED', 'NO_ROUTED_ENTRY'] : [l, 'SUCCESS', null])).sort(),
    );
    expect(exit.result.outcome).toBe('ROUTED');
    expect(labels.map((l) => [l, position(l, 'ES')])).toEqual(labels.map((l) => [l, 0]));
    // the other trades' positions are untouched
    expect(labels.map((l) => position(l, 'NQ'))).toEqual(nqBefore);
    const exitOrders = await f.api('GET', `/api/execution/orders?task_id=${exit.id}&limit=100`);
    expect(
      exitOrders.body.items.map((o: Row) => [o.account_label, o.side, o.quantity, o.status]).sort(),
    ).toEqual(
      labels
        .filter((l) => l !== 'apex-2')
        .map((l) => [l, 'SELL', opened[l] ?? 3, 'SUCCESS'])
        .sort(),
    );
  });

  it('credentials: absent from every API answer, log line and database row of this file', async () => {
    const dump = await databaseDump(f.db.url);
    expect(dump).toContain('tradovate-login');
    expect(leaks({ answers: f.answers.join('\n'), logs: f.logs.text, dump })).toEqual([]);
  });
});

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result rows are asserted field by field
