import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  decorrelatedJitterGenerator,
  DelegateBackoff,
  handleWhen,
  IRetryBackoffContext,
  retry,
  RetryPolicy,
} from 'cockatiel';
import { ConnectorError } from '../domain/connector-errors';
import type { FirmResilienceSettings } from '../domain/firm-connector-settings';
import { sendDeadline, withCallSignal } from './call-context';

/** An attempt may make a few requests (authenticate, then the call, or cancels then an order). */
const REQUESTS_PER_ATTEMPT = 3;

export type CircuitStatus = 'closed' | 'open' | 'half_open' | 'isolated';
const CIRCUIT_NAMES: Record<CircuitState, CircuitStatus> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

export interface PolicyHooks {
  onRetry(error: Error, delayMs: number, attempt: number): void;
  onBreak(): void;
  onReset(): void;
}

export interface RunOptions {
  /** A write whose repetition could duplicate something: its unknown outcomes are never simply retried. */
  write: boolean;
}

/**
 * Which calls decide the breaker. `all`: every call (a sync reader, whose calls are all reads). `writes`:
 * only writes open and close it (the order path): a read that succeeds — an order looked up, a position
 * read — proves nothing about the order endpoint, and counting it would reset the run of failed writes
 * each time (seen: Tradovate's placeorder answering 503 for 40 signals while command/list answered, and
 * the breaker never opened). Reads still fail fast while it is open.
 */
export type BreakerVerdicts = 'all' | 'writes';

/**
 * One connection's resilience, from cockatiel: a circuit breaker around retries (exponential backoff with
 * decorrelated jitter, Retry-After honoured) around a per-attempt timeout. Only TRANSIENT failures are
 * retried; a REJECTED answer proves the platform healthy and never counts against the breaker.
 */
export class FirmPolicy {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retries: RetryPolicy;
  /** How long one attempt may take before it is given up (its signal fires, the call fails). */
  private readonly attemptMs: number;
  /** When the breaker last opened (ms), for reads outside it; 0 while it has not. */
  private openedAt = 0;

  constructor(
    private readonly settings: FirmResilienceSettings,
    private readonly hooks: PolicyHooks,
    private readonly verdicts: BreakerVerdicts = 'all',
  ) {
    this.breaker = circuitBreaker(
      // a REJECTED answer proves the platform healthy; a closed send window never reached it
      handleWhen((e) => !(e instanceof ConnectorError && (e.kind === 'REJECTED' || isWindowClosed(e)))),
      {
        halfOpenAfter: settings.breakerHalfOpenMs,
        breaker: new ConsecutiveBreaker(settings.breakerThreshold),
      },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      hooks.onBreak();
    });
    this.breaker.onReset(() => hooks.onReset());
    // built once: a retry policy keeps nothing between executions (its backoff state is per execution)
    this.retries = retry(handleWhen(this.isRetryable), {
      maxAttempts: settings.maxRetries,
      backoff: this.backoff(),
    });
    this.retries.onRetry((r) => {
      if ('error' in r) this.hooks.onRetry(r.error, r.delay, r.attempt);
    });
    this.attemptMs = settings.timeoutMs * REQUESTS_PER_ATTEMPT;
  }

  /** The breaker as an operator reads it: `open` means calls to the connection fail fast until it half-opens. */
  get circuit(): CircuitStatus {
    return CIRCUIT_NAMES[this.breaker.state];
  }

  /**
   * Runs `attempt` under the connection's policy. Throws the last error, or BrokenCircuitError while open.
   * Inside a send window (`withSendDeadline`), no attempt starts once it has closed and every attempt's
   * signal fires when it closes: a request still waiting for its turn is then never sent.
   */
  run<T>(attempt: () => Promise<T>, opts: RunOptions): Promise<T> {
    const notAfter = sendDeadline();
    if (notAfter !== undefined && Date.now() >= notAfter) return Promise.reject(windowClosed());
    const guarded = () => this.retries.execute(() => this.withTimeout(attempt, opts.write, notAfter));
    if (opts.write || this.verdicts === 'all') return this.breaker.execute(guarded);
    // a read on a write-decided breaker: refused while open (until it half-opens), never counted
    if (
      this.breaker.state === CircuitState.Open &&
      Date.now() - this.openedAt < this.settings.breakerHalfOpenMs
    ) {
      return Promise.reject(new BrokenCircuitError());
    }
    return guarded();
  }

  /**
   * One attempt, given up after the attempt time (its signal fires and it fails, whatever `fn` does next).
   * The signal also fires when the send window closes (without failing the attempt): a request still
   * waiting for a rate-limit token or a connection is then never sent.
   */
  private withTimeout<T>(fn: () => Promise<T>, write: boolean, notAfter?: number): Promise<T> {
    const startedAt = Date.now();
    if (notAfter !== undefined && startedAt >= notAfter) return Promise.reject(windowClosed());
    return timedAttempt(fn, startedAt + this.attemptMs, notAfter, () => {
      const message = `no answer within ${this.attemptMs} ms`;
      return write ? ConnectorError.unknownOutcome(message) : ConnectorError.transient(message);
    });
  }

  private readonly isRetryable = (e: Error): boolean => {
    if (!(e instanceof ConnectorError) || e.kind !== 'TRANSIENT' || isWindowClosed(e)) return false;
    const wait = e.details.retryAfterMs;
    return wait === undefined || wait <= this.settings.retryMaxDelayMs;
  };

  private backoff(): DelegateBackoff<IRetryBackoffContext<unknown>, [number, number] | undefined> {
    const options = {
      generator: decorrelatedJitterGenerator,
      initialDelay: this.settings.retryBaseDelayMs,
      maxDelay: this.settings.retryMaxDelayMs,
      exponent: 2,
    };
    return new DelegateBackoff((context, state) => {
      const [jittered, next] = decorrelatedJitterGenerator(state, options);
      const error = 'error' in context.result ? context.result.error : undefined;
      const retryAfter = error instanceof ConnectorError ? (error.details.retryAfterMs ?? 0) : 0;
      return { delay: Math.max(jittered, retryAfter), state: next };
    });
  }
}

/**
 * Runs `fn` with its call signal: one controller and one timer an attempt (nothing is aborted on return:
 * an abort builds a DOMException with a stack trace). At `giveUpAt` the signal fires and the attempt fails
 * with `timedOut()`; at `notAfter`, if sooner, the signal fires and the attempt runs on.
 */
function timedAttempt<T>(
  fn: () => Promise<T>,
  giveUpAt: number,
  notAfter: number | undefined,
  timedOut: () => ConnectorError,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      return true;
    };
    const giveUp = () => {
      if (!settle()) return;
      if (!controller.signal.aborted) controller.abort();
      reject(timedOut());
    };
    const windowCloses = () => {
      controller.abort();
      timer = setTimeout(giveUp, giveUpAt - Date.now());
    };
    const now = Date.now();
    timer =
      notAfter !== undefined && notAfter < giveUpAt
        ? setTimeout(windowCloses, notAfter - now)
        : setTimeout(giveUp, giveUpAt - now);
    try {
      withCallSignal(controller.signal, fn).then(
        (value) => settle() && resolve(value),
        (e: unknown) => settle() && reject(e),
      );
    } catch (e) {
      if (settle()) reject(e);
    }
  });
}

/** The caller's send window closed before a request could start: certainly not sent, never retried here. */
function windowClosed(): ConnectorError {
  return ConnectorError.transient('send window closed: not sent (looked up before any later send)', {
    windowClosed: true,
  });
}

function isWindowClosed(e: ConnectorError): boolean {
  return e.details.windowClosed === true;
}
