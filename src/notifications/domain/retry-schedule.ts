/** How delivery retries are spaced: doubling from `baseMs`, capped at `maxMs`. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** The wait before attempt `attempt + 1`, after `attempt` failed attempts (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}

/** What to do after a failed attempt: try again after a delay, or give up (the delivery is FAILED). */
export type AfterFailure = { retry: true; delayMs: number } | { retry: false };

/**
 * A rate limit (429 with retry_after) waits as long as the service asks and does not count as an attempt;
 * any other failure counts, until `maxAttempts`.
 */
export function afterFailure(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
): AfterFailure {
  if (retryAfterMs !== null) return { retry: true, delayMs: Math.max(retryAfterMs, 0) };
  if (attempt >= policy.maxAttempts) return { retry: false };
  return { retry: true, delayMs: retryDelayMs(attempt, policy) };
}

/**
 * A failing channel is probed, not hammered: once its last `threshold` attempts in a row failed, the whole
 * channel waits (its deliveries untouched, their attempts not counted) — the retry delay of its failures past
 * the threshold, doubling to the cap — and then one delivery tries it again. Null below the threshold.
 */
export function channelPauseMs(
  consecutiveFailures: number,
  threshold: number,
  policy: RetryPolicy,
): number | null {
  if (consecutiveFailures < threshold) return null;
  return retryDelayMs(consecutiveFailures - threshold + 1, policy);
}

/** A channel whose last `threshold` attempts in a row failed is shown as failing. */
export function channelHealth(consecutiveFailures: number, threshold: number): 'ok' | 'failing' {
  return consecutiveFailures >= threshold ? 'failing' : 'ok';
}
