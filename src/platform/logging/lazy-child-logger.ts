import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

const LEVELS: Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Fastify's childLoggerFactory: the per-request logger (bound to the request id) is made on its first
 * enabled log call. Fastify makes one for every request and pino's redaction makes that cost a fair
 * share of a webhook's work, while most requests never log a line.
 */
export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  opts: ChildLoggerOptions,
): FastifyBaseLogger {
  // the app's logger is pino (createLogger), whatever Fastify's narrower type says
  const parent = logger as unknown as Logger;
  let child: Logger | null = null;
  const real = () => (child ??= parent.child(bindings, opts));
  const lazy = {
    get level() {
      return (child ?? parent).level;
    },
    set level(level: string) {
      real().level = level;
    },
    isLevelEnabled: (level: string) => (child ?? parent).isLevelEnabled(level),
    child: (b: Bindings, o?: ChildLoggerOptions) => real().child(b, o),
    silent: () => undefined,
  } as Record<string, unknown>;
  for (const level of LEVELS) {
    lazy[level] = (...args: unknown[]) => {
      if (!child && !parent.isLevelEnabled(level)) return;
      (real()[level] as (...a: unknown[]) => void)(...args);
    };
  }
  return lazy as unknown as FastifyBaseLogger;
}
