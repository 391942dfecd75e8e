import { lazyChildLogger } from '../logging/lazy-child-logger';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from '../../app.module';
import { AppEnv } from '../config/app.config';
import { validateEnv } from '../config/validate-env';
import { PinoNestLogger } from '../logging/pino-nest.logger';
import { createLogger } from '../logging/logger';
import { setupOpenApi } from '../openapi/openapi';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { registerJsonBodyParser } from './json-body.parser';
import { createValidationPipe } from './validation.pipe';

/** Routes under this prefix get their own, smaller body limit (TradingView alerts are tiny). */
export const WEBHOOK_PREFIX = '/api/webhooks';
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface CreateAppOptions {
  databaseUrl: string;
  logger?: Logger;
  preview?: boolean;
}

/** Fastify with pino, request ids, body limits and the text/plain parser TradingView needs. */
export function createHttpAdapter(logger: Logger): FastifyAdapter {
  const env = validateEnv(AppEnv, process.env);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    childLoggerFactory: lazyChildLogger,
    logController: new LogController({ disableRequestLogging: !env.LOG_REQUESTS }),
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  registerJsonBodyParser(adapter);
  const fastify = adapter.getInstance();
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(WEBHOOK_PREFIX)) route.bodyLimit = WEBHOOK_BODY_LIMIT;
  });
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // TradingView sends text/plain when the alert message is not recognised as JSON; controllers parse it.
  fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Registry imports accept CSV; the importer parses it.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  return adapter;
}

/** What every app instance gets, whether built by NestFactory or by a testing module. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  return app;
}

/** Builds the Nest app on Fastify: used by main.ts and the OpenAPI writer. */
export async function createApp(opts: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = opts.logger ?? createLogger(validateEnv(AppEnv, process.env).LOG_LEVEL);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ databaseUrl: opts.databaseUrl }),
    createHttpAdapter(logger),
    { logger: new PinoNestLogger(logger), preview: opts.preview ?? false, abortOnError: false },
  );
  return configureApp(app);
}
