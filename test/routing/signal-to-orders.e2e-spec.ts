import { performance } from 'node:perf_hooks';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { percentile } from '../reliability/support/report';
import { FIRMS, Platforms, startPlatforms } from '../support/platforms';
import { tasksNotLoggedOnce } from '../support/db-inspect';
import { waitFor } from './support/wait';

const SECRET = 'signal-to-orders-secret';
const now = () => performance.timeOrigin + performance.now();

/**
 * The whole service in process — real registry, sizing, risk, connectors and router on Postgres — against
 * the three loopback platform fakes: what arrives at each fake is what a trader's broker would receive.
 */
describe('signal to orders at the platform fakes (e2e)', () => {
  let t: TestApp;
  let token: string;
  let platforms: Platforms;

  const alert = async (body: Record<string, unknown>, headers?: Record<string, string>) => {
    const r = headers
      ? await t.request('POST', '/api/webhooks/tradingview', { raw: JSON.stringify(body), headers })
      : await t.request('POST', '/api/webhooks/tradingview', { body });
    expect(r.status).toBe(202);
    return r.body.task_id as number;
  };
  const completed = (id: number) =>
    waitFor(`task ${id} to complete`, async () => {
      const r = await t.request('GET', `/api/execution/tasks/${id}`, { token });
      return ['COMPLETED', 'FAILED'].includes(r.body.status) ? r.body : null;
    });

  beforeAll(async () => {
    platforms = await startPlatforms();
    t = await startTestApp({
      label: 'signal_orders',
      env: {
        ...platforms.env,
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        EXECUTION_DRY_RUN: 'false',
        // longer than any wait below: every task is woken by NOTIFY
        ROUTER_POLL_INTERVAL_MS: '60000',
      },
    });
    token = await t.login();
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('sizes a TradingView JSON alert per firm × program and sends each firm its quantity', async () => {
    // 0.2 % of 50k / 100k / 200k over a 10-point MNQ stop ($2 a point): 5, 10 and 20 contracts
    const id = await alert({
      secret: SECRET,
      trade_id: 'tv-long-1',
      ticker: 'MNQ1!',
      action: 'buy',
      price: '21010',
      stopLoss: { stopPrice: '21000' },
      takeProfit: { limitPrice: '21030' },
      risk_percent: '0.002',
      firm_codes: ['FTMO', 'APEX', 'TOPSTEP'],
      program_ids: [1, 5, 9],
    });
    const task = await completed(id);
    expect(task.status).toBe('COMPLETED');
    const result = task.result;
    expect(result).toMatchObject({
      routed: true,
      dry_run: false,
      event_type: 'entry',
      trade_id: 'tv-long-1',
    });
    expect(result.risk_checks.map((r: Row) => [r.firm_code, r.status])).toEqual([
      ['FTMO', 'APPROVED'],
      ['APEX', 'APPROVED'],
      ['TOPSTEP', 'APPROVED'],
    ]);
    const approved = result.program_sizing.filter((s: Row) => s.status === 'APPROVED');
    expect(approved.map((s: Row) => [s.firm_code, s.program_id, s.computed_quantity])).toEqual([
      ['FTMO', 1, 5],
      ['APEX', 5, 10],
      ['TOPSTEP', 9, 20],
    ]);
    expect(approved[1].details).toMatchObject({
      account_size: 100000,
      risk_percent: 0.002,
      stop_distance: 10,
      multiplier: 2,
    });
    const mismatched = result.program_sizing.filter((s: Row) => s.status === 'REJECTED');
    expect(mismatched).toHaveLength(6);
    expect(new Set(mismatched.map((s: Row) => s.rule))).toEqual(new Set(['PROGRAM_FIRM_MISMATCH']));
    expect(result.connector_results.map((c: Row) => [c.firm_code, c.status, c.error_message])).toEqual([
      ['FTMO', 'SUCCESS', null],
      ['APEX', 'SUCCESS', null],
      ['TOPSTEP', 'SUCCESS', null],
    ]);

    const expected = { FTMO: 5, APEX: 10, TOPSTEP: 20 } as const;
    for (const firm of FIRMS) {
      const orders = [...platforms.ordersByClientId(firm).values()];
      expect({ firm, count: orders.length, copies: orders.map((o) => o.length) }).toEqual({
        firm,
        count: 1,
        copies: [1],
      });
      expect({ firm, side: orders[0][0].side, quantity: orders[0][0].quantity }).toEqual({
        firm,
        side: 'BUY',
        quantity: expected[firm],
      });
    }
    const rows = await t.request('GET', '/api/execution/orders?trade_id=tv-long-1', { token });
    expect(rows.body.items.map((o: Row) => [o.firm_code, o.program_id, o.quantity, o.status]).sort()).toEqual(
      [
        ['APEX', 5, 10, 'SUCCESS'],
        ['FTMO', 1, 5, 'SUCCESS'],
        ['TOPSTEP', 9, 20, 'SUCCESS'],
      ],
    );
  });

  it('routes a text/plain alert (TradingView without a JSON content type) with the user quantity', async () => {
    const before = { FTMO: count('FTMO'), APEX: count('APEX'), TOPSTEP: count('TOPSTEP') };
    const id = await alert(
      {
        secret: SECRET,
        trade_id: 'tv-short-1',
        symbol: 'ESZ2025',
        side: 'SELL',
        quantity: '2',
        firm_codes: ['ftmo', 'apex'],
      },
      { 'content-type': 'text/plain; charset=utf-8' },
    );
    const task = await completed(id);
    expect(task.result.connector_results.map((c: Row) => [c.firm_code, c.status])).toEqual([
      ['FTMO', 'SUCCESS'],
      ['APEX', 'SUCCESS'],
    ]);
    for (const firm of ['FTMO', 'APEX'] as const) {
      const mine = [...platforms.ordersByClientId(firm).entries()].filter(([k]) => k.startsWith(`pr${id}-`));
      expect({ firm, orders: mine.map(([, o]) => [o.length, o[0].side, o[0].quantity]) }).toEqual({
        firm,
        orders: [[1, 'SELL', 2]],
      });
    }
    expect(count('TOPSTEP')).toBe(before.TOPSTEP);
  });

  it('closes at each firm what the entry opened there when the exit alert comes', async () => {
    const positions = () => FIRMS.map((f) => netOpen(platforms.byFirm[f].positions(), 'MNQ'));
    expect(positions()).toEqual([5, 10, 20]);
    const id = await alert({ secret: SECRET, trade_id: 'tv-long-1', ticker: 'MNQ1!', action: 'exit' });
    const task = await completed(id);
    expect(task.result.event_type).toBe('exit');
    // in account order (an exit without filters targets every enabled account)
    expect(task.result.connector_results.map((c: Row) => [c.account_label, c.status])).toEqual([
      ['env:APEX', 'SUCCESS'],
      ['env:FTMO', 'SUCCESS'],
      ['env:TOPSTEP', 'SUCCESS'],
    ]);
    expect(task.result.outcome).toBe('ROUTED');
    expect(positions()).toEqual([0, 0, 0]);
    // the short ES trade is untouched
    expect(netOpen(platforms.byFirm.FTMO.positions(), 'ES')).toBe(-2);
  });

  it('records an exit with no routed entry and sends nothing', async () => {
    const before = FIRMS.map(count);
    const id = await alert({ secret: SECRET, trade_id: 'never-entered', symbol: 'NQ', action: 'close' });
    const task = await completed(id);
    expect(task.status).toBe('COMPLETED');
    expect(task.result.routed).toBe(false);
    expect(new Set(task.result.connector_results.map((c: Row) => c.status))).toEqual(new Set(['SKIPPED']));
    expect(FIRMS.map(count)).toEqual(before);
  });

  it('measures signal to order: every accepted alert reaches every firm once, p50/p99 reported', async () => {
    const signals = 60;
    const sentAt = new Map<string, number>();
    const burst = async (prefix: string, n: number) => {
      const sends: Promise<number>[] = [];
      for (let i = 0; i < n; i++) {
        const tradeId = `${prefix}-${i}`;
        sentAt.set(tradeId, now());
        sends.push(
          alert({
            secret: SECRET,
            trade_id: tradeId,
            symbol: 'NQ',
            side: 'buy',
            quantity: 1,
            firm_codes: [...FIRMS],
          }),
        );
        await new Promise((r) => setTimeout(r, 50)); // 20 alerts per second, as a busy strategy sends them
      }
      return Promise.all(sends);
    };
    // warm-up, not measured: platform sessions, contract lookups, pooled connections, JIT
    await Promise.all((await burst('warm', 10)).map(completed));
    await burst('lat', signals);
    const taskIds = await withClient(t.db.url, async (c) => {
      const rows = (await c.query(`SELECT id, trade_id FROM execution_tasks WHERE trade_id LIKE 'lat-%'`))
        .rows;
      return new Map<string, string>(rows.map((r) => [`pr${r.id}-`, r.trade_id as string]));
    });
    const latencies = await waitFor(
      'every latency order at every fake',
      async () => {
        const out: number[] = [];
        for (const firm of FIRMS) {
          for (const [clientId, copies] of platforms.ordersByClientId(firm)) {
            const prefix = clientId.slice(0, clientId.indexOf('-') + 1);
            const tradeId = taskIds.get(prefix);
            if (!tradeId) continue;
            expect(copies).toHaveLength(1);
            out.push(copies[0].receivedAt - sentAt.get(tradeId)!);
          }
        }
        return out.length === signals * FIRMS.length ? out : null;
      },
      30_000,
    );
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `signal → order (webhook sent → fake received), ${latencies.length} orders over ${FIRMS.length} platforms: ` +
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    // TradingView's own patience is 3 s; an order later than that would be a defect, not noise
    expect(p99).toBeLessThan(3000);
  });

  it('wrote exactly one execution log per task', async () => {
    // an order reaches its fake before its task's log is written: the last tasks may still be finishing
    await waitFor(
      'every task finished',
      async () =>
        (
          await withClient(t.db.url, (c) =>
            c.query(`SELECT 1 FROM execution_tasks WHERE status IN ('PENDING', 'PROCESSING') LIMIT 1`),
          )
        ).rowCount === 0 || null,
      30_000,
    );
    expect(await tasksNotLoggedOnce(t.db.url)).toEqual([]);
  });

  function count(firm: (typeof FIRMS)[number]): number {
    return platforms.ordersByClientId(firm).size;
  }
});

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result rows are asserted field by field

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
    .reduce((sum, [, v]) => sum + v, 0);
}
