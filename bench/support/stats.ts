import { performance } from 'node:perf_hooks';

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable with the fakes' `receivedAt`. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? total / sorted.length : NaN,
  };
}

/** Polls `check` every `everyMs` until it returns a value other than undefined, or the time is up. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 50,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined || Date.now() >= deadline) return v;
    await sleep(everyMs);
  }
}

/**
 * Times `sample` `samples` times after `warmUp` unmeasured runs (sockets, plans, the JIT): back to back when
 * `ratePerS` is 0, otherwise each started on a schedule of `ratePerS` a second, idle in between, as sendPaced
 * spaces the signals.
 */
export async function timeSamples(
  sample: () => Promise<unknown>,
  samples: number,
  ratePerS = 0,
  warmUp = 20,
): Promise<Summary> {
  for (let i = 0; i < warmUp; i++) await sample();
  const took: number[] = [];
  const start = performance.now();
  for (let i = 0; i < samples; i++) {
    const wait = ratePerS > 0 ? start + (i * 1000) / ratePerS - performance.now() : 0;
    if (wait > 0) await sleep(wait);
    const t0 = performance.now();
    await sample();
    took.push(performance.now() - t0);
  }
  return summarize(took);
}
