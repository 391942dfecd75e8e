/** How a platform stream waits between reconnect attempts. */
export interface BackoffPolicy {
  /** The first wait's ceiling (attempt 0). */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/**
 * The wait before reconnect attempt `attempt` (0 = the first after a drop): exponential growth capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so that many connections dropped by one outage do
 * not all come back in the same instant, while no wait is ever shorter than half its step.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * r);
}
