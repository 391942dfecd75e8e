import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

/**
 * The stages of one signal on its way to an order, in path order (issue 20). `received` … `committed` are
 * the intake's (SignalIntake), `started` is the router taking the task (hand-off or claim), `targets` …
 * `order_rows` the pipeline's, `request` the first connector call of the task's orders (OrderExecutor),
 * `completed` its result written. The platform's receipt is measured where the request arrives (the bench's
 * fakes).
 */
export const TRACE_STAGES = [
  'received',
  'validated',
  'routable',
  'committed',
  'started',
  'targets',
  'risk_read',
  'sized',
  'order_rows',
  'request',
  'completed',
] as const;
export type TraceStage = (typeof TRACE_STAGES)[number];

/** One task's stages: wall-clock ms (performance.timeOrigin + now(), sub-ms) per stage reached. */
export interface TaskTrace {
  task_id: number;
  stages: Partial<Record<TraceStage, number>>;
}

/** Most tasks held at once; older ones are dropped (a trace nobody collects never grows without bound). */
const MAX_TASKS = 50_000;

/**
 * STAGE_TRACE=true: the time each task reaches each stage, kept in memory and served (then forgotten) on
 * the METRICS_PORT server's `/stages` (127.0.0.1 only). Off (the default): `mark` returns at once. For
 * measuring where the time of a signal goes (the bench's per-stage trace), not for production monitoring.
 */
@Injectable()
export class StageTrace {
  readonly enabled: boolean;
  /** Per task, each stage's time by its index in TRACE_STAGES (NaN: not reached): one fixed shape a task. */
  private readonly tasks = new Map<number, Float64Array>();

  constructor() {
    this.enabled = readStageTrace(process.env);
  }

  /** Now, as the trace records it (only worth calling when `enabled`). */
  now(): number {
    return performance.timeOrigin + performance.now();
  }

  /** The task reached `stage` (at `at`, default now); a stage reached again keeps its first time. */
  mark(taskId: number, stage: TraceStage, at?: number): void {
    if (!this.enabled) return;
    let t = this.tasks.get(taskId);
    if (!t) {
      if (this.tasks.size >= MAX_TASKS) this.tasks.delete(this.tasks.keys().next().value as number);
      t = new Float64Array(TRACE_STAGES.length).fill(NaN);
      this.tasks.set(taskId, t);
    }
    const i = STAGE_INDEX[stage];
    if (Number.isNaN(t[i])) t[i] = at ?? this.now();
  }

  /** Every trace held, oldest first; they are forgotten. */
  drain(): TaskTrace[] {
    const out: TaskTrace[] = [];
    for (const [task_id, times] of this.tasks) {
      const stages: Partial<Record<TraceStage, number>> = {};
      TRACE_STAGES.forEach((stage, i) => {
        if (!Number.isNaN(times[i])) stages[stage] = times[i];
      });
      out.push({ task_id, stages });
    }
    this.tasks.clear();
    return out;
  }
}

const STAGE_INDEX = Object.fromEntries(TRACE_STAGES.map((s, i) => [s, i])) as Record<TraceStage, number>;

export function readStageTrace(env: Record<string, string | undefined>): boolean {
  const raw = (env.STAGE_TRACE ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error('STAGE_TRACE must be true or false');
}
