import { performance } from 'node:perf_hooks';
import type { FaultRule } from '../../src/connectors/fakes/fake-platform';
import { HttpClient } from './support/http-client';
import { entryOrdersByClientId, FIRMS, Platforms, startPlatforms } from '../support/platforms';
import { percentile, printReport, sleep, waitFor } from './support/report';
import { ServiceHandle, startTestService } from '../support/service-process';
import { entrySignal, postSignal } from './support/signals';
import { FAST_ROUTER_ENV, taskRows, WEBHOOK_SECRET, REL_RESILIENCE } from './support/suite';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/**
 * Platform faults: APEX's fake (Tradovate) answers 429s, 503s, p-tickets, resets and timeouts while FTMO
 * and TOPSTEP stay healthy. The healthy firms get one order per signal, as fast as without the faults; the
 * faulty firm's breaker opens (calls fail fast with CIRCUIT_OPEN) and, once the faults stop, closes again.
 */

const FAULTY = 'APEX' as const;
const HEALTHY = FIRMS.filter((f) => f !== FAULTY);
const PER_PHASE = 40;
const PACE_MS = 50;
/** Generous: a healthy firm's order may be this much slower under the neighbour's faults than before. */
const LATENCY_SLACK_MS = 500;

const FAULTS: FaultRule[] = [
  { fault: { kind: 'http', status: 429, retryAfterS: 0 }, path: 'order', times: 4 },
  { fault: { kind: 'penalty', pTime: 0 }, path: 'auth', times: 2 },
  { fault: { kind: 'reset' }, path: 'order', times: 4 },
  { fault: { kind: 'timeout' }, path: 'placeorder', times: 2 },
  { fault: { kind: 'http', status: 503 }, path: 'order' }, // then down for good, until cleared
];

function clientId(taskId: number, createdAt: Date, firm: string): string {
  return `pr${taskId}-${createdAt.getTime().toString(36)}-${firm}-en`;
}

describe('reliability: platform faults (one firm failing, two healthy)', () => {
  let db: TestDatabase;
  let platforms: Platforms;
  let svc: ServiceHandle;
  let client: HttpClient;
  const logs = { text: '' };

  beforeAll(async () => {
    db = await createTestDatabase('rel_faults');
    platforms = await startPlatforms({ resilience: REL_RESILIENCE });
    svc = await startTestService({
      env: {
        DATABASE_URL: db.url,
        WEBHOOK_SECRET,
        EXECUTION_DRY_RUN: 'false',
        ...FAST_ROUTER_ENV,
        ...platforms.env,
      },
      sink: logs,
    });
    client = new HttpClient(svc.url, 8);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await svc?.stop();
    await platforms?.close();
    await db?.drop();
  });

  it('keeps healthy firms unaffected while the breaker of the failing one opens and recovers', async () => {
    const sentAt = new Map<number, number>(); // task id → wall-clock ms when the signal was sent
    const phaseOf = new Map<number, string>();
    const send = async (phase: string) => {
      for (let i = 0; i < PER_PHASE; i++) {
        const at = performance.timeOrigin + performance.now();
        const s = await postSignal(
          client,
          entrySignal(`pf-${phase}-${i}-${Date.now()}`, FIRMS, WEBHOOK_SECRET),
        );
        expect(s.response.status).toBe(202);
        sentAt.set(s.taskId!, at);
        phaseOf.set(s.taskId!, phase);
        await sleep(PACE_MS);
      }
    };
    const settled = () =>
      waitFor(
        'every task to complete',
        120_000,
        async () => {
          const rows = await taskRows(db.url);
          return rows.every((r) => r.status === 'COMPLETED' || r.status === 'FAILED') ? rows : undefined;
        },
        200,
      );

    await send('baseline');
    await settled();
    const apex = platforms.byFirm[FAULTY];
    for (const f of FAULTS) apex.addFault(f);
    const requestsBefore = apex.requests().length;
    await send('faults');
    await settled();
    const requestsDuringFaults = apex.requests().length - requestsBefore;
    const faultPaths = new Map<string, number>();
    for (const r of apex.requests().slice(requestsBefore))
      faultPaths.set(r.path, (faultPaths.get(r.path) ?? 0) + 1);
    apex.clearFaults();
    await sleep(1500); // past BREAKER_HALF_OPEN_MS (1000)
    await send('recovered');
    const rows = await settled();

    const tasks = await withClient(db.url, async (c) =>
      (
        await c.query<{
          id: string;
          created_at: Date;
          response_body: {
            connector_results: { firm_code: string; status: string; error_message: string | null }[];
          };
        }>(
          'SELECT t.id, t.created_at, l.response_body FROM execution_tasks t JOIN execution_logs l ON l.task_id = t.id',
        )
      ).rows.map((r) => ({
        id: Number(r.id),
        createdAt: r.created_at,
        results: r.response_body.connector_results,
      })),
    );

    const latency: Record<string, number[]> = {};
    let healthyMissing = 0;
    let healthyDuplicates = 0;
    let healthyNotSuccess = 0;
    for (const firm of HEALTHY) {
      const byClient = entryOrdersByClientId(platforms.byFirm[firm]);
      for (const t of tasks) {
        const orders = byClient.get(clientId(t.id, t.createdAt, firm)) ?? [];
        if (orders.length === 0) healthyMissing++;
        if (orders.length > 1) healthyDuplicates += orders.length - 1;
        if (t.results.find((r) => r.firm_code === firm)?.status !== 'SUCCESS') healthyNotSuccess++;
        if (orders[0]) (latency[phaseOf.get(t.id)!] ??= []).push(orders[0].receivedAt - sentAt.get(t.id)!);
      }
    }
    const apexBy = (phase: string) =>
      tasks
        .filter((t) => phaseOf.get(t.id) === phase)
        .map((t) => t.results.find((r) => r.firm_code === FAULTY)!);
    const circuitOpen = apexBy('faults').filter((r) => r.error_message?.startsWith('CIRCUIT_OPEN')).length;
    const faultOutcomes = new Map<string, number>();
    for (const r of apexBy('faults')) {
      const key = `${r.status}${r.error_message ? ` ${r.error_message.split(/[:(]/)[0].slice(0, 40)}` : ''}`;
      faultOutcomes.set(key, (faultOutcomes.get(key) ?? 0) + 1);
    }
    const apexRecovered = apexBy('recovered').filter((r) => r.status === 'SUCCESS').length;
    const apexBaseline = apexBy('baseline').filter((r) => r.status === 'SUCCESS').length;
    const apexOrders = entryOrdersByClientId(apex);
    const apexDuplicates = [...apexOrders.values()].filter((o) => o.length > 1).length;
    const opened = (logs.text.match(/circuit opened/g) ?? []).length;
    const closed = (logs.text.match(/circuit closed/g) ?? []).length;
    const p = (phase: string, q: number) => percentile(latency[phase] ?? [], q);

    printReport('platform faults', {
      'faulty firm': `${FAULTY} (${apex.name} fake)`,
      'faults injected': FAULTS.map(
        (f) => `${f.fault.kind}${'status' in f.fault ? ` ${f.fault.status}` : ''}×${f.times ?? '∞'}`,
      ).join(', '),
      'signals per phase (baseline, faults, recovered)': PER_PHASE,
      'tasks COMPLETED / FAILED': `${rows.filter((r) => r.status === 'COMPLETED').length} / ${rows.filter((r) => r.status === 'FAILED').length}`,
      'healthy firms': HEALTHY.join(', '),
      'healthy orders expected': tasks.length * HEALTHY.length,
      'healthy orders missing': healthyMissing,
      'healthy duplicate orders': healthyDuplicates,
      'healthy results not SUCCESS': healthyNotSuccess,
      'healthy latency p50/p99 baseline (ms)': `${p('baseline', 50).toFixed(1)} / ${p('baseline', 99).toFixed(1)}`,
      'healthy latency p50/p99 under faults (ms)': `${p('faults', 50).toFixed(1)} / ${p('faults', 99).toFixed(1)}`,
      'healthy latency p50/p99 recovered (ms)': `${p('recovered', 50).toFixed(1)} / ${p('recovered', 99).toFixed(1)}`,
      [`${FAULTY} SUCCESS baseline`]: apexBaseline,
      [`${FAULTY} requests reaching its fake under faults`]: requestsDuringFaults,
      [`${FAULTY} requests under faults by path`]: [...faultPaths].map(([k, n]) => `${k} ×${n}`).join(', '),
      [`${FAULTY} CIRCUIT_OPEN results under faults`]: circuitOpen,
      [`${FAULTY} results under faults`]: [...faultOutcomes].map(([k, n]) => `${k} ×${n}`).join(', '),
      [`${FAULTY} SUCCESS after recovery`]: apexRecovered,
      [`${FAULTY} duplicate entry orders`]: apexDuplicates,
      'breaker opened / closed (log lines)': `${opened} / ${closed}`,
    });

    expect(rows.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
    expect(healthyMissing).toBe(0);
    expect(healthyDuplicates).toBe(0);
    expect(healthyNotSuccess).toBe(0);
    expect(p('faults', 50)).toBeLessThanOrEqual(p('baseline', 50) + LATENCY_SLACK_MS);
    expect(p('faults', 99)).toBeLessThanOrEqual(p('baseline', 99) + LATENCY_SLACK_MS);
    expect(apexBaseline).toBe(PER_PHASE);
    expect(circuitOpen).toBeGreaterThan(0); // the breaker opened: calls failed fast
    expect(opened).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(0);
    expect(apexRecovered).toBe(PER_PHASE); // and closed again once the platform was back
    expect(apexDuplicates).toBe(0);
  }, 400_000);
});
