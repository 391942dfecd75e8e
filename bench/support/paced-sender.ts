import { performance } from 'node:perf_hooks';
import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { sleep, summarize, Summary, waitFor, wallNow } from './stats';
import { LoopbackClient, WEBHOOK_PATH } from './webhook';

export interface SentSignals {
  /** task id → wall-clock ms just before the request was written. */
  sentAt: Map<number, number>;
  rejected: number;
  /** The webhook's own answer time at this rate. */
  answer: Summary;
}

/**
 * Open-loop sender: signal i leaves at start + i / rate, whatever the answers before it are doing. With a
 * lead-in, the first `leadInS` seconds are sent at the same rate but not measured, so that the figures are
 * of the steady rate, not of the step up to it (connections opening, the pool growing, JIT).
 */
export async function sendPaced(
  client: LoopbackClient,
  rate: number,
  durationS: number,
  body: (i: number) => string,
  leadInS = 0,
): Promise<SentSignals> {
  const skip = Math.round(rate * leadInS);
  const total = skip + Math.round(rate * durationS);
  const start = performance.now();
  const answers: Promise<{ taskId: number | null; sentAt: number; tookMs: number }>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const payload = body(i);
    const sentAt = wallNow();
    answers.push(
      client.post(WEBHOOK_PATH, payload).then(
        (r) => ({
          taskId: r.status === 202 ? Number(JSON.parse(r.body).task_id) : null,
          sentAt,
          tookMs: wallNow() - sentAt,
        }),
        () => ({ taskId: null, sentAt, tookMs: wallNow() - sentAt }),
      ),
    );
  }
  const done = (await Promise.all(answers)).slice(skip);
  const sentAt = new Map<number, number>();
  for (const a of done) if (a.taskId !== null) sentAt.set(a.taskId, a.sentAt);
  return { sentAt, rejected: done.length - sentAt.size, answer: summarize(done.map((a) => a.tookMs)) };
}

export interface OrderLatency {
  all: Summary;
  byFirm: Record<string, Summary>;
  expected: number;
  received: number;
  duplicates: number;
}

const CLIENT_ID = /^pr(\d+)-[0-9a-z]+-([A-Z0-9]+)-en$/;

/** Waits until every sent task has an order at each firm's fake (or time is up), then measures. */
export async function awaitOrders(
  orders: () => FakeOrderRecord[],
  sent: SentSignals,
  firms: readonly string[],
  since: number,
  timeoutMs: number,
): Promise<OrderLatency> {
  const expected = sent.sentAt.size * firms.length;
  const mine = () =>
    orders().filter((o) => {
      const m = CLIENT_ID.exec(o.clientOrderId ?? '');
      return o.receivedAt >= since && m !== null && sent.sentAt.has(Number(m[1]));
    });
  // the wait only notices the end (latency is the fakes' receipt time): a light poll, beside the fakes in this process
  await waitFor(async () => (mine().length >= expected ? true : undefined), timeoutMs, 100);
  const seen = new Set<string>();
  const all: number[] = [];
  const byFirm: Record<string, number[]> = {};
  let duplicates = 0;
  for (const o of mine()) {
    const [, taskId, firm] = CLIENT_ID.exec(o.clientOrderId!)!;
    const key = `${taskId}/${firm}`;
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    const latency = o.receivedAt - sent.sentAt.get(Number(taskId))!;
    all.push(latency);
    (byFirm[firm] ??= []).push(latency);
  }
  return {
    all: summarize(all),
    byFirm: Object.fromEntries(Object.entries(byFirm).map(([f, v]) => [f, summarize(v)])),
    expected,
    received: seen.size,
    duplicates,
  };
}
