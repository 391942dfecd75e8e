import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The gateway call an adapter's request belongs to: its attempt's abort signal, fired when the attempt timed
 * out, so that a request still queued for a rate-limit token is dropped instead of being sent after the
 * caller gave up. Carried implicitly so that adapters stay unaware of it.
 */
const calls = new AsyncLocalStorage<{ signal: AbortSignal }>();

export function withCallSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return calls.run({ signal }, fn);
}

/** The current attempt's signal, if any. */
export function callSignal(): AbortSignal | undefined {
  return calls.getStore()?.signal;
}
