import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { lazyChildLogger } from './lazy-child-logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString()
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      );
      done();
    },
  });
  const logger = pino({ level, redact: { paths: ['*.secret'], censor: '[REDACTED]' } }, stream);
  const childCalls = jest.spyOn(logger, 'child');
  return { logger: logger as unknown as FastifyBaseLogger, lines, childCalls };
}

describe('lazyChildLogger', () => {
  it('makes no child while nothing is logged at an enabled level', () => {
    const { logger, lines, childCalls } = capture('warn');
    const log = lazyChildLogger(logger, { reqId: 'r-1' }, {});
    log.info('incoming request');
    log.debug('details');
    expect(childCalls).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('logs through one child bound to the request, with the parent redaction', () => {
    const { logger, lines, childCalls } = capture('info');
    const log = lazyChildLogger(logger, { reqId: 'r-2' }, {});
    log.info({ body: { secret: 'hunter22' } }, 'first');
    log.error('second');
    expect(childCalls).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r-2', msg: 'first', body: { secret: '[REDACTED]' }, level: 30 }),
      expect.objectContaining({ reqId: 'r-2', msg: 'second', level: 50 }),
    ]);
  });

  it('hands out grandchildren bound to both', () => {
    const { logger, lines } = capture('info');
    lazyChildLogger(logger, { reqId: 'r-3' }, {}).child({ part: 'body' }).warn('nested');
    expect(lines).toEqual([expect.objectContaining({ reqId: 'r-3', part: 'body', msg: 'nested' })]);
  });
});
