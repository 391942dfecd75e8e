import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { TRACE_STAGES, TaskTrace } from '../../src/platform/metrics/stage-trace';
import { summarize, Summary } from './stats';

/** A TCP port free on 127.0.0.1 now (for the service's METRICS_PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The service's per-stage trace since the last read (STAGE_TRACE=true, METRICS_PORT); [] when off. */
export async function readStages(metricsPort: number): Promise<TaskTrace[]> {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/stages`);
  if (!res.ok) return [];
  return (await res.json()) as TaskTrace[];
}

/** `sent` (the sender), the service's stages, then `platform` (the first of the task's orders at a fake). */
export const PATH_STAGES = ['sent', ...TRACE_STAGES.filter((s) => s !== 'completed'), 'platform'] as const;
export type PathStage = (typeof PATH_STAGES)[number];

export interface StageRow {
  stage: PathStage;
  /** ms from the signal leaving the sender to this stage, over the traced tasks. */
  since: Summary;
  /** ms from the stage before it (per task, then summarized); negative where the stages overlap. */
  step: Summary;
}

const CLIENT_TASK = /^pr(\d+)-/;

/**
 * Per task: the sender's clock for `sent`, the service's for its stages and the fakes' for `platform` (all
 * `performance.timeOrigin + now()` on one machine). Only tasks with every stage are counted.
 */
export function stageRows(
  traces: TaskTrace[],
  sentAt: Map<number, number>,
  orders: FakeOrderRecord[],
): { rows: StageRow[]; tasks: number } {
  const firstOrder = new Map<number, number>();
  for (const o of orders) {
    const m = CLIENT_TASK.exec(o.clientOrderId ?? '');
    if (!m) continue;
    const id = Number(m[1]);
    const at = firstOrder.get(id);
    if (at === undefined || o.receivedAt < at) firstOrder.set(id, o.receivedAt);
  }
  const since = new Map<PathStage, number[]>(PATH_STAGES.map((s) => [s, []]));
  const step = new Map<PathStage, number[]>(PATH_STAGES.map((s) => [s, []]));
  let tasks = 0;
  for (const t of traces) {
    const sent = sentAt.get(t.task_id);
    const platform = firstOrder.get(t.task_id);
    if (sent === undefined || platform === undefined) continue;
    const times = PATH_STAGES.map((s) => (s === 'sent' ? sent : s === 'platform' ? platform : t.stages[s]));
    if (times.some((v) => v === undefined)) continue;
    tasks += 1;
    PATH_STAGES.forEach((s, i) => {
      since.get(s)!.push(times[i]! - sent);
      step.get(s)!.push(i === 0 ? 0 : times[i]! - times[i - 1]!);
    });
  }
  return {
    tasks,
    rows: PATH_STAGES.map((stage) => ({
      stage,
      since: summarize(since.get(stage)!),
      step: summarize(step.get(stage)!),
    })),
  };
}

/** A process's user + system CPU in ms (Linux /proc, 10 ms ticks), or null where it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The request → platform step per fake, and the since-sent p50 of `platform` per 5 s of the phase. */
export interface PlatformSteps {
  /** Per fake: ms from the service's first connector call of the task to the fake's receipt. */
  byPlatform: Record<string, Summary>;
  /** Since-sent p50 / p99 of the first order at a fake, per 5 s window of the sender's clock. */
  windows: { fromS: number; tasks: number; p50: number; p99: number }[];
}

/**
 * Where the last step's time goes when it grows: per platform (one slow fake or connector), and over the
 * phase (a steady deficit grows; a stall is a window).
 */
export function platformSteps(
  traces: TaskTrace[],
  sentAt: Map<number, number>,
  ordersByPlatform: Record<string, FakeOrderRecord[]>,
): PlatformSteps {
  const request = new Map(traces.map((t) => [t.task_id, t.stages.request]));
  const byPlatform: Record<string, Summary> = {};
  const platformSince = new Map<number, number>();
  for (const [name, orders] of Object.entries(ordersByPlatform)) {
    const steps: number[] = [];
    for (const o of orders) {
      const m = CLIENT_TASK.exec(o.clientOrderId ?? '');
      if (!m) continue;
      const id = Number(m[1]);
      const req = request.get(id);
      const sent = sentAt.get(id);
      if (req === undefined || sent === undefined) continue;
      steps.push(o.receivedAt - req);
      const since = o.receivedAt - sent;
      if (!(platformSince.get(id)! <= since)) platformSince.set(id, since);
    }
    byPlatform[name] = summarize(steps);
  }
  const start = Math.min(...sentAt.values());
  const buckets = new Map<number, number[]>();
  for (const [id, since] of platformSince) {
    const w = Math.floor((sentAt.get(id)! - start) / 5000);
    buckets.set(w, [...(buckets.get(w) ?? []), since]);
  }
  const windows = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([w, v]) => {
      const s = summarize(v);
      return { fromS: w * 5, tasks: s.count, p50: s.p50, p99: s.p99 };
    });
  return { byPlatform, windows };
}
