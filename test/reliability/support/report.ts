/** Prints a suite's counts as one block, so a CI log shows what each suite tried and found. */
export function printReport(suite: string, counts: Record<string, number | string | boolean>): void {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  const lines = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  process.stdout.write(`\n[reliability] ${suite}\n${lines.join('\n')}\n`);
}

/** Counts of each value, e.g. HTTP statuses: {"202": 10, "400": 90}. */
export function tally<T>(values: readonly T[], key: (v: T) => string | number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(key(v))] = (out[String(key(v))] ?? 0) + 1;
  return out;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes; then throws with `what`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
