import { withClient } from '../../support/test-database';
import { waitFor } from './report';

/** The webhook secret every suite configures: long and unique, so a leak is findable. */
export const WEBHOOK_SECRET = 'rel-webhook-secret-6e2b9d14c8a7';

/** Fast retries, a short timeout and a short breaker for the platform fakes (see test/support/platforms.ts). */
export const REL_RESILIENCE: Record<string, string> = {
  TIMEOUT_MS: '1000',
  MAX_RETRIES: '2',
  RETRY_BASE_DELAY_MS: '20',
  RETRY_MAX_DELAY_MS: '500',
  BREAKER_THRESHOLD: '5',
  BREAKER_HALF_OPEN_MS: '1000',
};

/** A fast router for suites that watch tasks finish: short poll, short lease. */
export const FAST_ROUTER_ENV = {
  ROUTER_ENABLED: 'true',
  ROUTER_POLL_INTERVAL_MS: '200',
  ROUTER_LEASE_MS: '3000',
};

export interface TaskRow {
  id: number;
  trade_id: string;
  event_type: string;
  status: string;
  attempts: number;
}

export async function taskRows(url: string): Promise<TaskRow[]> {
  return withClient(url, async (c) => {
    const r = await c.query<{
      id: string;
      trade_id: string;
      event_type: string;
      status: string;
      attempts: number;
    }>('SELECT id, trade_id, event_type, status, attempts FROM execution_tasks ORDER BY id');
    return r.rows.map((row) => ({ ...row, id: Number(row.id) }));
  });
}

/** Waits until no task is PENDING or PROCESSING; returns every row. */
export async function waitForTasksSettled(url: string, timeoutMs: number): Promise<TaskRow[]> {
  return waitFor(
    'every task to reach COMPLETED or FAILED',
    timeoutMs,
    async () => {
      const rows = await taskRows(url);
      return rows.every((r) => r.status === 'COMPLETED' || r.status === 'FAILED') ? rows : undefined;
    },
    250,
  );
}

/** Number of each status among `rows`. */
export function statusCounts(rows: readonly TaskRow[]): Record<string, number> {
  const out: Record<string, number> = { PENDING: 0, PROCESSING: 0, COMPLETED: 0, FAILED: 0 };
  for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

/** True for 2xx. */
export const ok = (status: number) => status >= 200 && status < 300;
