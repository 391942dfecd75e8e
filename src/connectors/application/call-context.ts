import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The gateway call an adapter's request belongs to: its attempt's abort signal, fired when the attempt timed
 * out (or the caller's send window closed), so that a request still queued for a rate-limit token is dropped
 * instead of being sent after the caller gave up. Carried implicitly so that adapters stay unaware of it.
 */
const calls = new AsyncLocalStorage<{ signal: AbortSignal }>();

export function withCallSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return calls.run({ signal }, fn);
}

/** The current attempt's signal, if any. */
export function callSignal(): AbortSignal | undefined {
  return calls.getStore()?.signal;
}

/**
 * The moment (epoch ms) after which no request of the current gateway call may start: set by the router
 * around an order's send (ConnectorGateway.sendBy), read by the connection's policy before each attempt and
 * folded into each attempt's signal. Another router that finds the order unanswered waits for the window to
 * pass before it looks the order up, so the two never send it both.
 */
const deadlines = new AsyncLocalStorage<number>();

export function withSendDeadline<T>(notAfter: number, fn: () => Promise<T>): Promise<T> {
  return deadlines.run(notAfter, fn);
}

export function sendDeadline(): number | undefined {
  return deadlines.getStore();
}
