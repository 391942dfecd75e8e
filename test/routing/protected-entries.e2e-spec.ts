import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { control } from '../connectors/state-support';
import { startTestApp, TestApp } from '../support/test-app';
import { FIRMS, Firm, Platforms, startPlatforms } from '../support/platforms';
import { waitFor } from './support/wait';

const SECRET = 'protected-entries-secret';
const PROTECT_TIMEOUT_MS = 300;
const WORKING = new Set(['WORKING', 'Working', 'Open']);

/**
 * Protected entries (issue 14) end to end: the service in process on Postgres, env accounts on the three
 * loopback fakes (FTMO generic REST, APEX Tradovate, TOPSTEP ProjectX), a bracket entry per firm. The fakes
 * reject the stop leg, and the stop placed on its own, on demand (`/_fake/reject-stop-leg`, `-order`).
 */
describe('protected entries at the platform fakes (e2e)', () => {
  let t: TestApp;
  let token: string;
  let platforms: Platforms;

  /** A 2-contract long with its stop 10 points under the market, to every firm; the completed task. */
  const enter = async (tradeId: string, root: string, price: number) => {
    platforms.setPrice(root, String(price));
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: tradeId,
        symbol: root,
        side: 'buy',
        quantity: 2,
        price: String(price),
        stop_loss: String(price - 10),
        take_profit: String(price + 20),
        firm_codes: [...FIRMS],
      },
    });
    expect(r.status).toBe(202);
    return waitFor(`task ${r.body.task_id} to complete`, async () => {
      const task = await t.request('GET', `/api/execution/tasks/${r.body.task_id}`, { token });
      return ['COMPLETED', 'FAILED'].includes(task.body.status) ? task.body : null;
    });
  };
  const protectionOf = (task: { result: { connector_results: Row[] } }) =>
    Object.fromEntries(task.result.connector_results.map((c) => [c.firm_code, c.protection])) as Record<
      Firm,
      Row
    >;
  /** The firm's entry for this trade at its fake, and every order of that contract there. */
  const atFake = (firm: Firm, tradeTaskId: number) => {
    const orders = platforms.byFirm[firm].orders();
    const entry = orders.find(
      (o) => o.clientOrderId?.startsWith(`pr${tradeTaskId}-`) && o.clientOrderId.endsWith('-en'),
    );
    expect(entry).toBeDefined();
    return { entry: entry!, contract: orders.filter((o) => o.symbol === entry!.symbol) };
  };
  const workingStops = (orders: FakeOrderRecord[]) =>
    orders.filter((o) => /stop/i.test(o.type) && o.side === 'SELL' && WORKING.has(o.status));
  const rejectNext = (fault: 'reject-stop-leg' | 'reject-stop-order') =>
    Promise.all(platforms.fakes.map((f) => control(f, fault, { times: 1 })));

  beforeAll(async () => {
    platforms = await startPlatforms();
    t = await startTestApp({
      label: 'protected_entries',
      env: {
        ...platforms.env,
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        EXECUTION_DRY_RUN: 'false',
        ROUTER_POLL_INTERVAL_MS: '60000',
        PROTECT_TIMEOUT_MS: String(PROTECT_TIMEOUT_MS),
        SYNC_ENABLED: 'false',
      },
    });
    token = await t.login();
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('confirms a normal bracket entry at once: PROTECTED, nothing placed', async () => {
    const task = await enter('prot-ok', 'MNQ', 21010);
    expect(task.result.connector_results.map((c: Row) => [c.firm_code, c.status])).toEqual(
      FIRMS.map((f) => [f, 'SUCCESS']),
    );
    for (const [firm, p] of Object.entries(protectionOf(task))) {
      expect({ firm, ...p }).toMatchObject({
        firm,
        status: 'PROTECTED',
        position: 2,
        covered: 2,
        stop_order_id: null,
      });
      // confirmed on the first read: one position read at each fake (nothing else reads: sync is off)
      const reads = platforms.byFirm[firm as Firm].requests().filter((r) => /position/i.test(r.path));
      expect({ firm, reads: reads.length }).toEqual({ firm, reads: 1 });
      const { contract } = atFake(firm as Firm, task.id);
      expect(contract.filter((o) => o.clientOrderId?.endsWith('-ps'))).toEqual([]);
    }
  });

  it('places the missing stop when the bracket stop leg is rejected: STOP_PLACED, a working stop covers the position', async () => {
    await rejectNext('reject-stop-leg');
    const task = await enter('prot-leg', 'MES', 5010);
    for (const [firm, p] of Object.entries(protectionOf(task))) {
      expect({ firm, ...p }).toMatchObject({
        firm,
        status: 'STOP_PLACED',
        position: 2,
        covered: 0,
        halt_id: null,
      });
      expect(p.detail).toContain('placed a SELL stop for 2 at 5000');
      const { entry, contract } = atFake(firm as Firm, task.id);
      expect({ firm, rejected: contract.some((o) => /rejected/i.test(o.status)) }).toEqual({
        firm,
        rejected: true,
      });
      const stops = workingStops(contract);
      expect({ firm, stops: stops.map((o) => [o.quantity, o.id, o.clientOrderId?.endsWith('-ps')]) }).toEqual(
        {
          firm,
          stops: [[2, p.stop_order_id, true]],
        },
      );
      expect(platforms.byFirm[firm as Firm].positions()[entry.symbol]).toBe(2);
    }
  });

  it('flattens the position and halts the account when the missing stop fails too, the reason recorded', async () => {
    await rejectNext('reject-stop-leg');
    await rejectNext('reject-stop-order');
    const task = await enter('prot-flat', 'ES', 5010);
    const halts = await t.request('GET', '/api/risk/halts?active_only=true', { token });
    for (const [firm, p] of Object.entries(protectionOf(task))) {
      expect({ firm, ...p }).toMatchObject({
        firm,
        status: 'FLATTENED',
        position: 2,
        covered: 0,
        stop_order_id: null,
      });
      expect(p.detail).toMatch(
        /the missing stop for 2 failed: REJECTED: .*position flattened .*account halted \(halt \d+, firm scope\)/,
      );
      const { entry, contract } = atFake(firm as Firm, task.id);
      expect({ firm, net: platforms.byFirm[firm as Firm].positions()[entry.symbol] }).toEqual({
        firm,
        net: 0,
      });
      expect(workingStops(contract)).toEqual([]);
      const halt = halts.body.items.find((h: Row) => h.id === p.halt_id);
      expect({ firm, halt }).toMatchObject({
        firm,
        halt: { firm_code: firm, scope: 'firm', active: true, created_by: 'protection' },
      });
      expect(halt.reason).toContain(`pr${task.id}-`);
      expect(halt.reason).toContain('left without its stop');
    }
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON rows asserted field by field
type Row = any;
