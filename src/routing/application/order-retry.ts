/**
 * Re-driving orders left RETRY (the platform's answer unknown or transient after the in-call retries):
 * `ORDER_RETRY_MAX_ATTEMPTS` rounds in all (the first send's included), the n-th re-drive due
 * `ORDER_RETRY_BASE_DELAY_MS` × 2^(n−1) after the previous round, capped at `ORDER_RETRY_MAX_DELAY_MS`; a
 * round whose send's outcome was unknown, no sooner than `unknownOutcomeQuietMs` after its window opened.
 */
export interface OrderRetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often the re-driver looks for due orders. */
  pollIntervalMs: number;
  /**
   * The lease on a re-driven order: longer than any platform call with its retries (a process that dies
   * mid-call leaves its orders to another process after this).
   */
  leaseMs: number;
}

/** The wait before the re-drive that follows round `attempt` (1 = the first send). */
export function retryDelayOf(settings: OrderRetrySettings, attempt: number): number {
  return Math.min(settings.baseDelayMs * 2 ** Math.max(0, attempt - 1), settings.maxDelayMs);
}

/**
 * How long after an order's send window opened it is left alone when its outcome may be unknown (a PENDING_SEND
 * row whose sender may still be sending, a send that timed out and was not found): twice ORDER_SEND_WINDOW_MS.
 * No request for it starts after the first window; the second is the time allowed for a request to end, the
 * platform's queue included (keep ORDER_SEND_WINDOW_MS above how long a platform may hold a request).
 */
export function unknownOutcomeQuietMs(config: { orderSendWindowMs: number }): number {
  return 2 * config.orderSendWindowMs;
}
