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
