import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';
import { postSignal, ServiceProcess, startServiceProcess } from '../support/service-process';
import { FIRMS, Platforms, startPlatforms } from '../support/platforms';
import { taskCounts, tasksNotLoggedOnce } from '../support/db-inspect';
import { waitFor } from './support/wait';

const SECRET = 'multi-process-webhook-secret';
/**
 * The subject here is exactly-once across processes, not the circuit breaker (connector tests own it): on a
 * loaded CI host the fakes' jest worker stalled past the 2 s platform timeout, five unanswered orders in a
 * row opened a firm's breaker and its next ~200 orders failed fast (twice in CI; a 2.6 s stall of the fakes
 * reproduces it). With the breakers out of the way such orders are looked up and settled, each once.
 */
const NO_BREAKERS = Object.fromEntries(FIRMS.map((f) => [`${f}_BREAKER_THRESHOLD`, '1000000']));

/** Built service processes on one database and the three platform fakes: what several hosts would run. */
describe('router processes on one database (e2e, built service)', () => {
  let platforms: Platforms;
  const running: ServiceProcess[] = [];
  const databases: TestDatabase[] = [];

  const serviceEnv = (db: TestDatabase, routerId: string, leaseMs: number): Record<string, string> => ({
    ...platforms.env,
    ...NO_BREAKERS,
    DATABASE_URL: db.url,
    WEBHOOK_SECRET: SECRET,
    EXECUTION_DRY_RUN: 'false',
    ROUTER_ENABLED: 'true',
    ROUTER_ID: routerId,
    ROUTER_LEASE_MS: String(leaseMs),
  });
  // A crashed router's tasks are claimable again soon after a 2 s lease; a live router renews every
  // lease/3. Two live routers sharing work run the default-like 10 s: on a loaded CI host a 2 s lease could
  // lapse in a stall, and a lapse re-runs a task (attempts 2), which is the other test's subject.
  const start = async (db: TestDatabase, routerId: string, leaseMs = 2000) => {
    const s = await startServiceProcess(serviceEnv(db, routerId, leaseMs));
    running.push(s);
    return s;
  };
  const freshDatabase = async (label: string) => {
    // a copy of the migrated template: two processes starting together do not race on migrating it
    const db = await createTestDatabase(label);
    databases.push(db);
    return db;
  };
  const signal = (tradeId: string) => ({
    secret: SECRET,
    trade_id: tradeId,
    symbol: 'NQ',
    side: 'buy',
    quantity: 1,
    firm_codes: [...FIRMS],
  });
  const allSettled = (db: TestDatabase, expected: number) =>
    waitFor(
      `${expected} tasks to settle`,
      async () => {
        const c = await taskCounts(db.url);
        return c.PENDING + c.PROCESSING === 0 && c.COMPLETED + c.FAILED >= expected ? c : null;
      },
      120_000,
    );
  /**
   * Every order answered: on a loaded host a send may time out, and one whose outcome is unknown is not sent
   * again in its call but re-driven (looked up first) twice ORDER_SEND_WINDOW_MS (2 s) after it was written.
   */
  const ordersAnswered = (db: TestDatabase) =>
    waitFor(
      'no order left RETRY or PENDING_SEND',
      async () =>
        withClient(
          db.url,
          async (c) =>
            (await c.query(`SELECT 1 FROM orders WHERE status IN ('RETRY', 'PENDING_SEND') LIMIT 1`)).rows
              .length === 0,
        ),
      60_000,
    );
  /** Each task's orders at the fakes: the number of copies of each client order id, per firm. */
  const copiesAtFakes = () =>
    FIRMS.flatMap((firm) =>
      [...platforms.ordersByClientId(firm)].map(([id, copies]) => ({ firm, id, n: copies.length })),
    );

  beforeAll(async () => {
    platforms = await startPlatforms();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
    platforms.reset();
  });
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
    await platforms?.close();
  });

  it('two routers share 500 tasks and process each exactly once', async () => {
    const db = await freshDatabase('two_routers');
    const [a, b] = await Promise.all([start(db, 'router-a', 10_000), start(db, 'router-b', 10_000)]);
    const total = 500;
    const accepted: number[] = [];
    // 10 senders at once, alternating between the two processes' webhooks
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < total) {
          const i = next++;
          const r = await postSignal(i % 2 ? b.url : a.url, signal(`share-${i}`));
          expect(r?.status).toBe(202);
          accepted.push(r!.taskId!);
        }
      }),
    );
    expect(new Set(accepted).size).toBe(total);
    const counts = await allSettled(db, total);
    expect(counts).toEqual({ PENDING: 0, PROCESSING: 0, COMPLETED: total, FAILED: 0 });
    expect(await tasksNotLoggedOnce(db.url)).toEqual([]);

    const byRouter = await withClient(db.url, async (c) => {
      const rows = (
        await c.query(`SELECT locked_by, count(*)::int AS n FROM execution_tasks GROUP BY locked_by`)
      ).rows;
      return Object.fromEntries(rows.map((r) => [r.locked_by, r.n])) as Record<string, number>;
    });
    expect(Object.keys(byRouter).sort()).toEqual(['router-a', 'router-b']);
    expect(byRouter['router-a'] + byRouter['router-b']).toBe(total);

    await ordersAnswered(db);
    const copies = copiesAtFakes();
    if (copies.length !== total * FIRMS.length) {
      // what became of the orders that did not arrive (seen once in CI: 1,332 of 1,500, not reproduced since)
      const outcomes = await withClient(
        db.url,
        async (c) =>
          (
            await c.query(`SELECT o.firm_code, o.status, left(o.error_message, 160) AS error, count(*)::int AS n
              FROM orders o GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
          ).rows,
      );
      console.log(`orders by firm, status and error: ${JSON.stringify(outcomes)}`);
      // and what the two processes logged at warn level and above (pino levels 40, 50, 60): the first lines
      for (const [name, s] of [
        ['router-a', a],
        ['router-b', b],
      ] as const) {
        const said = s
          .output()
          .split('\n')
          .filter((l) => /"level":[456]0\b/.test(l));
        console.log(
          `${name}: ${said.length} warnings/errors; the first 60:\n${said.slice(0, 60).join('\n')}`,
        );
      }
    }
    expect(copies.filter((c) => c.n !== 1)).toEqual([]);
    expect(copies).toHaveLength(total * FIRMS.length);
    const attempts = await withClient(
      db.url,
      async (c) => (await c.query(`SELECT max(attempts)::int AS m FROM execution_tasks`)).rows[0].m,
    );
    expect(attempts).toBe(1);
  }, 180_000);

  it('two processes receiving the same alerts at once (a double-fire to each) queue and send each once', async () => {
    const db = await freshDatabase('double_fire');
    const [a, b] = await Promise.all([start(db, 'router-a', 10_000), start(db, 'router-b', 10_000)]);
    const alerts = Array.from({ length: 40 }, (_, i) => signal(`fire-${i}`));
    // each alert twice to each process, all at once: TradingView's double-fire reaching two intakes
    const answers = await Promise.all(
      alerts.flatMap((body) => [a, b, a, b].map(async (s) => ({ body, r: await postSignal(s.url, body) }))),
    );
    for (const body of alerts) {
      const mine = answers.filter((x) => x.body === body).map((x) => x.r!);
      expect({ trade: body.trade_id, statuses: mine.map((r) => r.status).sort() }).toEqual({
        trade: body.trade_id,
        statuses: [200, 200, 200, 202],
      });
      expect(new Set(mine.map((r) => r.taskId)).size).toBe(1);
    }
    const counts = await allSettled(db, alerts.length);
    expect(counts).toEqual({ PENDING: 0, PROCESSING: 0, COMPLETED: alerts.length, FAILED: 0 });
    await ordersAnswered(db);
    const copies = copiesAtFakes();
    expect(copies.filter((c) => c.n !== 1)).toEqual([]);
    expect(copies).toHaveLength(alerts.length * FIRMS.length);
  }, 180_000);

  it('a router killed with SIGKILL mid-burst loses no accepted task and sends no order twice after restart', async () => {
    const db = await freshDatabase('sigkill');
    const first = await start(db, 'router-killed');
    const accepted = new Set<number>();
    let target = first;
    let sending = true;
    let seq = 0;
    const senders = Array.from({ length: 8 }, async () => {
      while (sending) {
        const r = await postSignal(target.url, signal(`burst-${seq++}`));
        if (r?.status === 202) accepted.add(r.taskId!);
        else if (r === null) await new Promise((res) => setTimeout(res, 20)); // the process is gone: retry later
      }
    });

    // mid-burst: orders flowing, and three Tradovate orders (a platform without idempotency keys) acted on
    // but never answered: the router holds their rows as PENDING_SEND, not knowing whether they arrived
    await waitFor(
      'the burst to reach the platforms',
      async () => platforms.ordersByClientId('APEX').size >= 60,
      60_000,
    );
    const tradovate = platforms.byFirm.APEX;
    const places = () =>
      tradovate.requests().filter((r) => r.path.toLowerCase().includes('/order/place')).length;
    const ordersBefore = tradovate.orders().length;
    const placesBefore = places();
    tradovate.addFault({ fault: { kind: 'timeout' }, path: '/order/place', times: 3 });
    await waitFor(
      'three unanswered orders at the Tradovate platform',
      async () => places() >= placesBefore + 3,
    );
    await first.stop('SIGKILL');
    const acceptedBeforeKill = accepted.size;
    const unansweredIds = tradovate
      .orders()
      .slice(ordersBefore)
      .filter((o) => o.clientOrderId)
      .slice(0, 3)
      .map((o) => o.clientOrderId!);
    expect(unansweredIds).toHaveLength(3);

    target = await start(db, 'router-restarted');
    await waitFor(
      'the restarted router to accept signals',
      async () => accepted.size >= acceptedBeforeKill + 20,
      60_000,
    );
    sending = false;
    await Promise.all(senders);

    const counts = await allSettled(db, accepted.size);
    expect(counts.FAILED).toBe(0);
    const stored = await withClient(db.url, async (c) =>
      (await c.query(`SELECT id FROM execution_tasks`)).rows.map((r) => Number(r.id)),
    );
    // every 202 was durably committed before it was sent, and was processed
    expect([...accepted].filter((id) => !stored.includes(id))).toEqual([]);
    expect(await tasksNotLoggedOnce(db.url)).toEqual([]);

    // an order the killed router may still have been sending is looked up by the re-drive once its send
    // window (2 s, twice over) has passed: its task's result then reads SUCCESS too
    const notRouted = await waitFor(
      'every task routed, each order SUCCESS',
      async () => {
        const rows = await withClient(
          db.url,
          async (c) =>
            (
              await c.query(`SELECT et.id FROM execution_tasks et JOIN execution_logs el ON el.task_id = et.id
          WHERE (el.response_body::jsonb->>'routed')::boolean IS NOT TRUE
             OR EXISTS (SELECT 1 FROM jsonb_array_elements(el.response_body::jsonb->'connector_results') c
                        WHERE c->>'status' <> 'SUCCESS')`)
            ).rows,
        );
        return rows.length === 0 ? rows : null;
      },
      30_000,
    ).catch(() => 'some tasks not routed after 30 s');
    expect(notRouted).toEqual([]);
    const reprocessed = await withClient(
      db.url,
      async (c) =>
        (await c.query(`SELECT count(*)::int AS n FROM execution_tasks WHERE attempts > 1`)).rows[0].n,
    );
    expect(reprocessed).toBeGreaterThan(0);
    // the three orders the killed router never heard back about were reconciled, not sent again
    const atTradovate = platforms.ordersByClientId('APEX');
    expect(unansweredIds.map((id) => [id, atTradovate.get(id)?.length])).toEqual(
      unansweredIds.map((id) => [id, 1]),
    );
    const copies = copiesAtFakes();
    expect(copies.filter((c) => c.n !== 1)).toEqual([]);
    expect(copies).toHaveLength(stored.length * FIRMS.length);
  }, 180_000);
});
