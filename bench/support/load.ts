import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { summarize } from './stats';

export interface LoadResult {
  /** 2xx answers per second over the run. */
  rate: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  durationS: number;
}

export interface HttpLoad {
  url: string;
  connections: number;
  durationS: number;
  method?: 'GET' | 'POST';
  /** A fresh body per request (each webhook signal needs its own trade_id). */
  body?: () => string;
}

/** Closed-loop HTTP load with autocannon: `connections` requests in flight at all times. */
export async function httpLoad(load: HttpLoad): Promise<LoadResult> {
  const headers = load.body ? { 'content-type': 'application/json' } : undefined;
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.durationS,
    timeout: 10,
    requests: [
      {
        method: load.method ?? 'GET',
        headers,
        setupRequest: (req) => (load.body ? { ...req, body: load.body() } : req),
      },
    ],
  });
  return {
    rate: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    durationS: result.duration,
  };
}

/**
 * The database ceiling: `concurrency` clients each committing single-row inserts back to back (autocommit,
 * one transaction per row), a payload the size of a webhook task's.
 */
export async function insertCeiling(
  databaseUrl: string,
  concurrency: number,
  durationS: number,
  payload: string,
): Promise<LoadResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_insert_floor (id BIGSERIAL PRIMARY KEY, trade_id TEXT NOT NULL,
         payload JSONB NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const latencies: number[] = [];
    let seq = 0;
    const started = performance.now();
    const deadline = started + durationS * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await pool.query('INSERT INTO bench_insert_floor (trade_id, payload) VALUES ($1, $2)', [
          `floor-${++seq}`,
          payload,
        ]);
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsedS = (performance.now() - started) / 1000;
    const s = summarize(latencies);
    return {
      rate: s.count / elapsedS,
      ok: s.count,
      non2xx: 0,
      errors: 0,
      p50: s.p50,
      p99: s.p99,
      durationS: elapsedS,
    };
  } finally {
    await pool.end();
  }
}
