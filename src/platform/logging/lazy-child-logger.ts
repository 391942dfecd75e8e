import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

/**
 * A request's logger whose pino child (bound to the request id) is made on its first enabled log call.
 * Fastify makes one for every request and pino's redaction makes that cost a fair share of a webhook's
 * work, while most requests never log a line. One object per request; the methods are shared.
 */
class LazyChildLogger {
  private made: Logger | null = null;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly opts: ChildLoggerOptions,
  ) {}

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.child$().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  child(bindings: Bindings, opts?: ChildLoggerOptions): Logger {
    return this.child$().child(bindings, opts);
  }

  fatal(...args: unknown[]): void {
    this.log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.log('error', args);
  }
  warn(...args: unknown[]): void {
    this.log('warn', args);
  }
  info(...args: unknown[]): void {
    this.log('info', args);
  }
  debug(...args: unknown[]): void {
    this.log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.log('trace', args);
  }
  silent(): void {}

  private log(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]): void {
    if (!this.made && !this.parent.isLevelEnabled(level)) return;
    (this.child$()[level] as (...a: unknown[]) => void)(...args);
  }

  private child$(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.opts));
  }
}

/** Fastify's childLoggerFactory for the app's pino logger (createLogger). */
export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  opts: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyChildLogger(logger as unknown as Logger, bindings, opts) as unknown as FastifyBaseLogger;
}
