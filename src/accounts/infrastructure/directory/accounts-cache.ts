/**
 * ACCOUNTS_CACHE_MS (default 1000, 0 = one event-loop turn): how long the directory keeps the accounts and
 * connections it read. A write through this process's API clears it at once; another process on the same
 * database sees a change within this time. Each read costs a query on the signal path (issue 13's fan-out
 * measured p50 16 ms at 100 signals/s with one read per turn, 9.8 ms with a one-second cache).
 */
export const ACCOUNTS_CACHE_MS = Symbol('ACCOUNTS_CACHE_MS');

export function readAccountsCacheMs(env: Record<string, string | undefined>): number {
  const raw = env.ACCOUNTS_CACHE_MS;
  if (raw === undefined || raw.trim() === '') return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 60_000)
    throw new Error('ACCOUNTS_CACHE_MS must be a whole number of milliseconds from 0 to 60000');
  return n;
}
