import { performance } from 'node:perf_hooks';
import type { FakeAccount, FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { HttpClient } from './support/http-client';
import { entryOrdersByClientId, Platforms, PlatformFirms, startPlatforms } from '../support/platforms';
import { percentile, printReport, sleep, waitFor } from './support/report';
import { ServiceHandle, serviceToken, startTestService } from '../support/service-process';
import { postSignal } from './support/signals';
import { FAST_ROUTER_ENV, WEBHOOK_SECRET, waitForTasksSettled } from './support/suite';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/**
 * Issue 13, "No head-of-line blocking": trading accounts on three platforms, configured through the accounts
 * API (two on one Tradovate login, one on ProjectX, one on REST), every alert fanned out to all four. The
 * Tradovate platform then accepts connections and never answers (the fake's `timeout` fault on every path:
 * each request is read and acted on, no answer is ever written) while the two others serve a paced
 * 100 signals/s. The healthy accounts' signal-to-order latency (the healthy fake's arrival time minus the
 * time the alert was posted) is compared with an all-healthy run of the same service in the same test: p95
 * within max(2×, +15 ms) of it, p99 within max(2×, +100 ms), and every healthy order arrives, once. A
 * head-of-line block behind the hanging platform lasts as long as the hang (the whole phase: seconds) and
 * moves every percentile. What the absolute margins allow for is the shared machine: on an idle one the
 * all-healthy p99 is a few ms, and a single stall of Postgres, the service, the three fakes and this sender
 * (two shared cores) delays every signal in flight at once: 70–130 ms stalls were measured in Postgres (the
 * insert's commit and the orders' rows slow together, no event-loop lag in the service, with or without
 * lease renewals in the window), hitting ~1–2 % of a 3 s phase's 600 latencies: its p99, never its p95. (With
 * p99 within +15 ms, one CI run failed at 45 ms against an all-healthy 17.7 ms.) On a loaded machine the
 * all-healthy run at 100 signals/s × 4 accounts may itself queue; the hanging run does less work and stays
 * below it, so the bound then proves less: the report prints both runs' figures.
 * Then SIGTERM while the platform still hangs: the process exits within 10 s, every order it left
 * unfinished is PENDING_SEND or RETRY (no task COMPLETED with an unsent order), and a restart with the
 * platform healed ends every order SUCCESS, exactly once at its platform (the orders the hanging platform
 * took without answering are found by client order id, not sent again).
 */

type PlatformName = keyof PlatformFirms;
const HANGING: PlatformName = 'tradovate';
const HEALTHY: PlatformName[] = ['rest', 'projectx'];
const RATE = 100;
/** Sent at the rate but not measured (connections, pools, JIT), then measured. */
const LEAD_IN_S = 1;
const MEASURE_S = 3;
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
/** Every alert goes to the accounts with this tag: the four below (the env accounts carry none). */
const TAG = 'hang-test';
const SHUTDOWN_LIMIT_MS = 10_000;
/** Hanging-phase healthy latency bounds against the all-healthy run's: max(ratio ×, + floor ms). */
const RATIO = 2;
const P95_FLOOR_MS = 15;
const P99_FLOOR_MS = 100;

/** The accounts of each login (platform account id, name = Tradovate's account spec); firm per platform. */
const LAYOUT: Record<PlatformName, { firm: string; accounts: FakeAccount[] }> = {
  rest: { firm: 'FTMO', accounts: [ac(7101, 'FT-1')] },
  tradovate: { firm: 'APEX', accounts: [ac(5101, 'APEXD1'), ac(5102, 'APEXD2')] },
  projectx: { firm: 'TOPSTEP', accounts: [ac(9101, 'TS-1')] },
};
function ac(id: number, name: string): FakeAccount {
  return { id, name };
}

/** An API account's entry order: `pr{task}-{created, base 36}-a{account id}-en`. */
const CLIENT_ID = /^pr(\d+)-[0-9a-z]+-a(\d+)-en$/;

interface OrderRow {
  task_id: string;
  client_order_id: string;
  account_id: number;
  status: string;
  task_status: string;
  outcome: string | null;
}

describe('reliability: one platform hanging, two healthy (per-account routing)', () => {
  let db: TestDatabase;
  let platforms: Platforms;
  let svc: ServiceHandle | undefined;
  let client: HttpClient;
  /** Platform → the service's account ids there. */
  const accountIds: Partial<Record<PlatformName, number[]>> = {};
  const logs = { text: '' };
  const env = () => ({
    DATABASE_URL: db.url,
    WEBHOOK_SECRET,
    EXECUTION_DRY_RUN: 'false',
    ...FAST_ROUTER_ENV,
    // the fakes publish no request limit (see test/support/platforms.ts)
    CONNECTOR_RATE_LIMITS: 'off',
    // states stay manual (the fakes' accounts hold 50,000 whatever the program's size); test/sync covers sync
    SYNC_ENABLED: 'false',
    // one master key for both starts (each test start gets a fresh data dir, which would generate a new one)
    PROPROUTER_MASTER_KEY: MASTER_KEY,
    // the risk gate trades only enabled firms; their env accounts (env:FTMO, ...) are left out by the tag
    ...Object.fromEntries(Object.values(LAYOUT).map((l) => [`${l.firm}_ENABLED`, 'true'])),
  });

  beforeAll(async () => {
    db = await createTestDatabase('rel_hanging');
    platforms = await startPlatforms({
      accounts: {
        rest: LAYOUT.rest.accounts,
        tradovate: LAYOUT.tradovate.accounts,
        projectx: LAYOUT.projectx.accounts,
      },
    });
    svc = await startTestService({ env: env(), sink: logs });
    client = new HttpClient(svc.url, 64);
    await configureAccounts(svc.url);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await svc?.stop('SIGKILL');
    await platforms?.close();
    await db?.drop();
  });

  /** One connection per fake, its accounts under it: what a trader does through the API. */
  async function configureAccounts(url: string): Promise<void> {
    const token = await serviceToken(url);
    const api = new HttpClient(url, 2);
    const auth = { authorization: `Bearer ${token}` };
    const programs = await withClient(
      db.url,
      async (c) =>
        (
          await c.query<{ code: string; id: number }>(
            `SELECT DISTINCT ON (f.code) f.code, p.id FROM prop_programs p JOIN prop_firms f ON f.id = p.firm_id
           ORDER BY f.code, p.account_size, p.id`,
          )
        ).rows,
    );
    try {
      for (const platform of [...HEALTHY, HANGING]) {
        const conn = await api.json(
          'POST',
          '/api/accounts/connections',
          platforms.connections[platform],
          auth,
        );
        expect(conn.status).toBe(201);
        const { firm, accounts } = LAYOUT[platform];
        for (const a of accounts) {
          const created = await api.json(
            'POST',
            '/api/accounts',
            {
              label: `${platform}-${a.id}`,
              firm_code: firm,
              program_id: programs.find((p) => p.code === firm)!.id,
              connection_id: (conn.json as { id: number }).id,
              platform_account: String(a.id),
              ...(platform === 'tradovate' ? { platform_account_spec: a.name } : {}),
              tags: [TAG],
              sizing_mode: 'fixed',
              fixed_quantity: 1,
            },
            auth,
          );
          expect({ account: a.id, status: created.status, body: created.json }).toMatchObject({
            status: 201,
          });
          (accountIds[platform] ??= []).push((created.json as { id: number }).id);
        }
      }
    } finally {
      api.close();
    }
  }

  /** Open loop: signal i leaves at start + i / RATE; task id → wall-clock ms it was posted (measured part). */
  async function sendPaced(
    phase: string,
    seconds: number,
    leadInS: number,
    rate = RATE,
  ): Promise<Map<number, number>> {
    const skip = rate * leadInS;
    const total = skip + rate * seconds;
    const start = performance.now();
    const sends: Promise<{ taskId?: number; at: number; status: number }>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      const at = wallNow();
      sends.push(
        postSignal(client, {
          secret: WEBHOOK_SECRET,
          trade_id: `hang-${phase}-${i}`,
          event_type: 'entry',
          symbol: 'NQ',
          side: i % 2 === 0 ? 'buy' : 'sell',
          quantity: 1,
          order_type: 'market',
          account_tags: [TAG],
        }).then((s) => ({ taskId: s.taskId, at, status: s.response.status })),
      );
    }
    const done = await Promise.all(sends);
    expect(done.filter((d) => d.status !== 202).map((d) => d.status)).toEqual([]);
    return new Map(done.slice(skip).map((d) => [d.taskId!, d.at]));
  }

  /** The first arrival of each (task, account) at the given fakes, as latency from the alert; duplicates counted. */
  function arrivals(fakes: FakePlatform[], sent: Map<number, number>) {
    const latency: number[] = [];
    let duplicates = 0;
    for (const fake of fakes) {
      for (const [clientId, orders] of entryOrdersByClientId(fake)) {
        const m = CLIENT_ID.exec(clientId);
        const at = m ? sent.get(Number(m[1])) : undefined;
        if (at === undefined) continue;
        latency.push(orders[0].receivedAt - at);
        duplicates += orders.length - 1;
      }
    }
    return { latency, duplicates };
  }

  async function measure(phase: string, fakes: FakePlatform[], perSignal: number) {
    const sent = await sendPaced(phase, MEASURE_S, LEAD_IN_S);
    const expected = sent.size * perSignal;
    await waitFor(
      `${phase}: ${expected} orders at the healthy fakes`,
      30_000,
      async () => (arrivals(fakes, sent).latency.length >= expected ? true : undefined),
      50,
    ).catch(() => undefined); // counted below
    const { latency, duplicates } = arrivals(fakes, sent);
    return {
      sent,
      expected,
      received: latency.length,
      duplicates,
      p50: percentile(latency, 50),
      p95: percentile(latency, 95),
      p99: percentile(latency, 99),
    };
  }

  const orderRows = () =>
    withClient(
      db.url,
      async (c) =>
        (
          await c.query<OrderRow>(
            `SELECT o.task_id, o.client_order_id, o.account_id, o.status, t.status AS task_status, t.outcome
           FROM orders o JOIN execution_tasks t ON t.id = o.task_id ORDER BY o.id`,
          )
        ).rows,
    );

  it('keeps the healthy accounts as fast as without the hang; SIGTERM within 10 s leaves every order recoverable', async () => {
    const healthyFakes = HEALTHY.map((p) => platforms.byFirm[LAYOUT[p].firm as 'FTMO']);
    const hanging = platforms.byFirm[LAYOUT[HANGING].firm as 'APEX'];
    const healthyPerSignal = HEALTHY.reduce((n, p) => n + LAYOUT[p].accounts.length, 0);
    const allPerSignal = healthyPerSignal + LAYOUT[HANGING].accounts.length;

    // warm-up at 10/s: sessions, contracts, JIT, every account answering. A cold burst at the full rate
    // leaves a queue behind that the router then works off in batches, which is not the figure compared here.
    const warm = await sendPaced('warm', 2, 0, 10);
    await waitFor('warm-up orders at every fake', 30_000, async () =>
      arrivals(platforms.fakes, warm).latency.length >= warm.size * allPerSignal ? true : undefined,
    );
    await waitForTasksSettled(db.url, 30_000);

    const healthy = await measure('healthy', healthyFakes, healthyPerSignal);
    // every account, the soon-hanging one included, got every order of the all-healthy run
    const allHealthy = await waitFor('all-healthy orders at every fake', 30_000, async () => {
      const a = arrivals(platforms.fakes, healthy.sent);
      return a.latency.length >= healthy.sent.size * allPerSignal ? a : undefined;
    }).catch(() => arrivals(platforms.fakes, healthy.sent));
    // the all-healthy run's tasks done: the hanging run starts from an idle service, as the healthy one did
    await waitForTasksSettled(db.url, 30_000);

    const hangFrom = wallNow();
    hanging.addFault({ fault: { kind: 'timeout' } }); // every path: read, acted on, never answered
    const hangRequestsBefore = hanging.requests().length;
    const hung = await measure('hanging', healthyFakes, healthyPerSignal);
    const hangingReached = hanging.requests().length - hangRequestsBefore;
    // orders the hanging platform took (acted on) without ever answering: after the restart they must be
    // found by client order id, not sent a second time
    const actedOnUnanswered = hanging.orders().filter((o) => o.receivedAt >= hangFrom).length;

    // SIGTERM while the platform still hangs
    const stopAt = performance.now();
    const exitCode = await svc!.stop('SIGTERM', 30_000);
    const stopMs = performance.now() - stopAt;
    svc = undefined;
    const afterStop = await orderRows();
    const hangingIds = new Set(accountIds[HANGING]);
    const hungTasks = new Set([...hung.sent.keys()].map(String));
    const unfinished = afterStop.filter((o) => o.status !== 'SUCCESS');
    const unfinishedHanging = afterStop.filter(
      (o) => hangingIds.has(o.account_id) && hungTasks.has(o.task_id),
    );
    const completedWithOpenOrders = afterStop.filter(
      (o) => o.task_status === 'COMPLETED' && !['SUCCESS', 'FAILED', 'SKIPPED'].includes(o.status),
    );
    const notRecoverable = unfinished.filter((o) => !['PENDING_SEND', 'RETRY'].includes(o.status));

    // restart with the platform healed: every order ends SUCCESS, exactly once at its platform
    hanging.clearFaults();
    svc = await startTestService({ env: env(), sink: logs });
    const finalRows = await waitFor(
      'every order SUCCESS and every task COMPLETED after the restart',
      60_000,
      async () => {
        const rows = await orderRows();
        return rows.every((o) => o.status === 'SUCCESS' && o.task_status === 'COMPLETED') ? rows : undefined;
      },
      250,
    ).catch(async () => orderRows());
    const atFakes = new Map<string, number>();
    for (const fake of platforms.fakes)
      for (const [id, orders] of entryOrdersByClientId(fake)) atFakes.set(id, orders.length);
    const notExactlyOnce = finalRows.filter((o) => atFakes.get(o.client_order_id) !== 1);
    const strays = [...atFakes.keys()].filter((id) => !finalRows.some((o) => o.client_order_id === id));
    const limit95 = Math.max(RATIO * healthy.p95, healthy.p95 + P95_FLOOR_MS);
    const limit99 = Math.max(RATIO * healthy.p99, healthy.p99 + P99_FLOOR_MS);

    printReport('hanging platform', {
      'hanging platform': `${HANGING} (${LAYOUT[HANGING].accounts.length} accounts, fault: timeout on every path)`,
      'healthy platforms': HEALTHY.map((p) => `${p} (${LAYOUT[p].accounts.length})`).join(', '),
      'rate, measured seconds (after lead-in)': `${RATE}/s, ${MEASURE_S} s (+${LEAD_IN_S} s)`,
      'all healthy: healthy accounts p50 / p95 / p99 (ms)': `${healthy.p50.toFixed(1)} / ${healthy.p95.toFixed(1)} / ${healthy.p99.toFixed(1)}`,
      'hanging: healthy accounts p50 / p95 / p99 (ms)': `${hung.p50.toFixed(1)} / ${hung.p95.toFixed(1)} / ${hung.p99.toFixed(1)}`,
      'hanging limits: p95 max(2×, +15 ms) / p99 max(2×, +100 ms) (ms)': `${limit95.toFixed(1)} / ${limit99.toFixed(1)}`,
      'all healthy: orders at all fakes / expected': `${allHealthy.latency.length} / ${healthy.sent.size * allPerSignal}`,
      'hanging: healthy orders received / expected': `${hung.received} / ${hung.expected}`,
      'healthy duplicates (all healthy, hanging)': `${healthy.duplicates}, ${hung.duplicates}`,
      'requests reaching the hanging fake (orders it took, unanswered)': `${hangingReached} (${actedOnUnanswered})`,
      'SIGTERM to exit (ms), exit code': `${stopMs.toFixed(0)}, ${exitCode}`,
      'orders not SUCCESS at the stop (hanging accounts of the hung phase)': `${unfinished.length} (${unfinishedHanging.filter((o) => o.status !== 'SUCCESS').length})`,
      'of them not PENDING_SEND/RETRY': notRecoverable.length,
      'tasks COMPLETED with an open order at the stop': completedWithOpenOrders.length,
      'after restart: orders, not SUCCESS, not exactly once at the platform, strays': `${finalRows.length}, ${finalRows.filter((o) => o.status !== 'SUCCESS').length}, ${notExactlyOnce.length}, ${strays.length}`,
    });

    expect(healthy.received).toBe(healthy.expected);
    expect(allHealthy.latency.length).toBe(healthy.sent.size * allPerSignal);
    expect(hung.received).toBe(hung.expected);
    expect(healthy.duplicates + hung.duplicates).toBe(0);
    expect(hung.p95).toBeLessThanOrEqual(limit95);
    expect(hung.p99).toBeLessThanOrEqual(limit99);
    expect(hangingReached).toBeGreaterThan(0); // the hang was real: requests went there and hung
    expect(actedOnUnanswered).toBeGreaterThan(0); // and the restart's look-up path is exercised
    expect(stopMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    expect(unfinishedHanging.length).toBe(hung.sent.size * LAYOUT[HANGING].accounts.length);
    expect(unfinishedHanging.filter((o) => o.status === 'SUCCESS')).toEqual([]);
    expect(notRecoverable).toEqual([]);
    expect(completedWithOpenOrders).toEqual([]);
    expect(finalRows.filter((o) => o.status !== 'SUCCESS' || o.task_status !== 'COMPLETED')).toEqual([]);
    expect(finalRows.filter((o) => o.outcome !== 'ROUTED')).toEqual([]);
    expect(notExactlyOnce).toEqual([]);
    expect(strays).toEqual([]);
  }, 300_000);
});

const wallNow = () => performance.timeOrigin + performance.now();
