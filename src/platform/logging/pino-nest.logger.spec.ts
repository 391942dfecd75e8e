import pino from 'pino';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './pino-nest.logger';

/** A PinoNestLogger at `level` and the JSON lines it wrote. */
function capture(level: string): { logger: PinoNestLogger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: new PinoNestLogger(pino({ level }, sink)), lines };
}

describe('PinoNestLogger', () => {
  it("logs Nest's start-up chatter (modules, controllers, routes) at debug, everything else at info", () => {
    const { logger, lines } = capture('info');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('WebhookController {/api/webhooks}:', 'RoutesResolver');
    logger.log('Mapped {/api/webhooks/tradingview, POST} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('no context');
    expect(lines.map((l) => [l.level, l.context, l.msg])).toEqual([
      [30, 'NestApplication', 'Nest application successfully started'],
      [30, undefined, 'no context'],
    ]);
  });

  it('shows the start-up chatter at LOG_LEVEL=debug', () => {
    const { logger, lines } = capture('debug');
    logger.log('Mapped {/api/webhooks/tradingview, POST} route', 'RouterExplorer');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 20,
        context: 'RouterExplorer',
        msg: 'Mapped {/api/webhooks/tradingview, POST} route',
      }),
    ]);
  });

  it('keeps warnings and errors of any context at their level', () => {
    const { logger, lines } = capture('info');
    logger.warn('slow', 'RouterExplorer');
    logger.error('broken', 'trace', 'InstanceLoader');
    expect(lines.map((l) => [l.level, l.context])).toEqual([
      [40, 'RouterExplorer'],
      [50, 'InstanceLoader'],
    ]);
  });
});
