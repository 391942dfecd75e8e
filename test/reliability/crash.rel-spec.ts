import { HttpClient } from './support/http-client';
import { entryOrdersByClientId, FIRMS, Platforms, startPlatforms } from '../support/platforms';
import { printReport, sleep, waitFor } from './support/report';
import { ServiceHandle, startTestService } from '../support/service-process';
import { entrySignal, postSignal, SentSignal } from './support/signals';
import {
  FAST_ROUTER_ENV,
  ok,
  statusCounts,
  waitForTasksSettled,
  WEBHOOK_SECRET,
  REL_RESILIENCE,
} from './support/suite';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/**
 * Crash: live mode, three firms on the loopback fakes, a burst of signals, and the service SIGKILLed at
 * random moments several times. After the last restart every accepted signal ends COMPLETED, each firm
 * routed SUCCESS, and every fake holds exactly one entry order per task and firm.
 */

const KILLS = Number(process.env.REL_CRASH_KILLS ?? 4);
const SIGNALS_PER_ROUND = 150;
const SEED = Number(process.env.REL_CRASH_SEED ?? Date.now() % 2 ** 31);

/** A small seeded generator, so that the kill moments of a failing run can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Seed 13E's client order id for a task's entry at a firm (see src/routing/domain/order-payload.ts). */
function entryClientId(taskId: number, createdAt: Date, firm: string): string {
  return `pr${taskId}-${createdAt.getTime().toString(36)}-${firm}-en`;
}

describe('reliability: crash (SIGKILL under a burst, live mode)', () => {
  let db: TestDatabase;
  let platforms: Platforms;
  let svc: ServiceHandle | undefined;
  const random = rng(SEED);

  beforeAll(async () => {
    db = await createTestDatabase('rel_crash');
    platforms = await startPlatforms({ resilience: REL_RESILIENCE });
  }, 60_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await platforms?.close();
    await db?.drop();
  });

  const start = () =>
    startTestService({
      env: {
        DATABASE_URL: db.url,
        WEBHOOK_SECRET,
        EXECUTION_DRY_RUN: 'false',
        ...FAST_ROUTER_ENV,
        ...platforms.env,
        // a re-drive claimed by a process killed next is claimed again after this (the default 120 s; the
        // longest platform call here is a 2 s send window plus one 6 s attempt)
        ORDER_RETRY_LEASE_MS: '15000',
      },
    });

  it('completes every accepted signal exactly once per firm across SIGKILLs', async () => {
    const sent: SentSignal[] = [];
    const killedAfterMs: number[] = [];
    let next = 0;

    /** Sends signals with a few in flight until `count` are sent or `stop()` says so. */
    const burst = async (client: HttpClient, count: number, stop: () => boolean) => {
      const worker = async () => {
        for (let k = 0; k < count && !stop(); k++) {
          const i = next++;
          sent.push(await postSignal(client, entrySignal(`crash-${SEED}-${i}`, FIRMS, WEBHOOK_SECRET)));
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    };

    for (let round = 0; round < KILLS; round++) {
      svc = await start();
      const client = new HttpClient(svc.url, 8);
      const delay = Math.floor(50 + random() * 1500);
      let killed = false;
      const sending = burst(client, SIGNALS_PER_ROUND / 4, () => killed);
      await sleep(delay);
      process.kill(svc.pid, 'SIGKILL');
      killed = true;
      await svc.stop('SIGKILL');
      killedAfterMs.push(delay);
      await sending;
      client.close();
    }

    // The last life: no kill; a final burst, then everything must settle.
    svc = await start();
    const client = new HttpClient(svc.url, 8);
    await burst(client, SIGNALS_PER_ROUND / 4, () => false);
    client.close();
    const rows = await waitForTasksSettled(db.url, 180_000);
    // an order a killed process may still have been sending is handed to the re-drive, which looks it up
    // once its send window (ORDER_SEND_WINDOW_MS, twice over) has passed: wait for those to be answered. A
    // re-drive claimed by a process killed next is claimed again when its lease (15 s here) has lapsed.
    await waitFor(
      'no order left RETRY or PENDING_SEND',
      150_000,
      async () =>
        withClient(db.url, async (c) =>
          (await c.query(`SELECT 1 FROM orders WHERE status IN ('RETRY', 'PENDING_SEND') LIMIT 1`)).rows
            .length === 0
            ? true
            : undefined,
        ),
      200,
    ).catch(() => undefined); // what is left is counted below

    const accepted = sent.filter((s) => ok(s.response.status));
    const unanswered = sent.filter((s) => s.response.status === 0).length;
    const errors5xx = sent.filter((s) => s.response.status >= 500).length;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lost = accepted.filter((s) => byId.get(s.taskId!)?.status !== 'COMPLETED');

    // Each task's result, and the fakes' entry orders by client order id.
    const tasks = await withClient(db.url, async (c) => {
      const r = await c.query<{ id: string; created_at: Date; response_body: unknown }>(
        `SELECT t.id, t.created_at, l.response_body FROM execution_tasks t
         LEFT JOIN execution_logs l ON l.task_id = t.id ORDER BY t.id`,
      );
      return r.rows.map((row) => ({
        id: Number(row.id),
        createdAt: row.created_at,
        result: row.response_body,
      }));
    });
    const logsPerTask = new Map<number, number>();
    for (const t of tasks) logsPerTask.set(t.id, (logsPerTask.get(t.id) ?? 0) + (t.result ? 1 : 0));
    const tasksWithLogCountNot1 = [...logsPerTask.values()].filter((n) => n !== 1).length;

    let missingOrders = 0;
    let duplicateOrders = 0;
    let strayOrders = 0;
    let notSuccess = 0;
    const notSuccessSample: string[] = [];
    for (const firm of FIRMS) {
      const byClient = entryOrdersByClientId(platforms.byFirm[firm]);
      const expected = new Set(tasks.map((t) => entryClientId(t.id, t.createdAt, firm)));
      for (const id of expected) {
        const n = byClient.get(id)?.length ?? 0;
        if (n === 0) missingOrders++;
        if (n > 1) duplicateOrders += n - 1;
      }
      for (const id of byClient.keys()) if (!expected.has(id)) strayOrders++;
    }
    for (const t of tasks) {
      const results = (t.result as { connector_results?: { firm_code: string; status: string }[] } | null)
        ?.connector_results;
      for (const firm of FIRMS) {
        const r = results?.find((x) => x.firm_code === firm);
        if (r?.status !== 'SUCCESS') {
          notSuccess++;
          notSuccessSample.push(`task ${t.id} ${firm}: ${JSON.stringify(r ?? null).slice(0, 300)}`);
        }
      }
    }
    const statuses = statusCounts(rows);

    printReport('crash', {
      seed: SEED,
      SIGKILLs: killedAfterMs.length,
      'kill moments (ms after start of burst)': killedAfterMs.join(', '),
      'signals sent': sent.length,
      'accepted (2xx)': accepted.length,
      'no answer (killed mid-request)': unanswered,
      '5xx': errors5xx,
      'tasks stored': rows.length,
      'tasks COMPLETED': statuses.COMPLETED,
      'tasks FAILED': statuses.FAILED,
      'tasks claimed again after a kill (attempts > 1)': rows.filter((r) => r.attempts > 1).length,
      'accepted but not COMPLETED (lost)': lost.length,
      'tasks with execution_logs rows != 1': tasksWithLogCountNot1,
      'firm results not SUCCESS': notSuccess,
      'entry orders expected (tasks × 3 firms)': tasks.length * FIRMS.length,
      'entry orders missing at a fake': missingOrders,
      'duplicate entry orders at a fake': duplicateOrders,
      'orders at a fake for no task': strayOrders,
    });

    expect(killedAfterMs.length).toBeGreaterThanOrEqual(3);
    expect(accepted.length).toBeGreaterThan(0);
    expect(errors5xx).toBe(0);
    expect(lost.map((s) => s.tradeId)).toEqual([]);
    expect(statuses.FAILED).toBe(0);
    expect(tasksWithLogCountNot1).toBe(0);
    expect(notSuccessSample.slice(0, 5)).toEqual([]);
    expect(notSuccess).toBe(0);
    expect(missingOrders).toBe(0);
    expect(duplicateOrders).toBe(0);
    expect(strayOrders).toBe(0);
  }, 400_000);
});
