import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { AccountSpec, ACCOUNTS, FanOut, leaks, netPosition, rootOf, startFanOut } from './support/fan-out';

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
        if (o.clientOrderId?.startsWith(`pr${taskId}-`))
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

  it('credentials: absent from every API answer, log line and database row of this file', async () => {
    expect(leaks({ answers: f.answers.join('\n'), logs: f.logs.text })).toEqual([]);
  });
});

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result rows are asserted field by field
void netPosition;
