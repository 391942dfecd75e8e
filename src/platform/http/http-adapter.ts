import { lazyChildLogger } from '../logging/lazy-child-logger';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { AppEnv } from '../config/app.config';
import { readHttpSettings } from '../config/http.config';
import { validateEnv } from '../config/validate-env';
import { Metrics } from '../metrics/metrics';
import { webhookOutcome } from '../metrics/webhook-outcome';
import { setupOpenApi } from '../openapi/openapi';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { registerJsonBodyParser } from './json-body.parser';
import { registerRateLimits } from './rate-limit';
import { capConnectionsPerClient } from './connection-cap';
import { registerDashboard } from './dashboard';
import { registerSecurityHeaders } from './security-headers';
import { serverLimits } from './server-limits';
import { createValidationPipe } from './validation.pipe';

/** Routes under this prefix get their own, smaller body limit (TradingView alerts are tiny). */
export const WEBHOOK_PREFIX = '/api/webhooks';
export const WEBHOOK_BODY_LIMIT = 64 * 1024;
/** Trade-list uploads (the simulator's runs: a 10,000-trade TradingView export is a few MB) get a larger one. */
export const UPLOAD_PREFIX = '/api/simulator/runs';
export const UPLOAD_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Fastify with pino, request ids, body limits, timeouts, a connection cap per client, security headers, the
 * dashboard's static files and the text/plain parser TradingView needs.
 */
export function createHttpAdapter(logger: Logger): FastifyAdapter {
  const env = validateEnv(AppEnv, process.env);
  const limits = readHttpSettings(process.env);
  const adapter = new FastifyAdapter({
    ...serverLimits(limits),
    loggerInstance: logger,
    childLoggerFactory: lazyChildLogger,
    logController: new LogController({ disableRequestLogging: !env.LOG_REQUESTS }),
    bodyLimit: env.BODY_LIMIT_BYTES,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  registerJsonBodyParser(adapter);
  const fastify = adapter.getInstance();
  registerRateLimits(fastify, env, WEBHOOK_PREFIX);
  capConnectionsPerClient(fastify.server, limits.maxConnectionsPerIp, limits.trustedProxies, logger);
  registerSecurityHeaders(fastify, WEBHOOK_PREFIX);
  registerDashboard(fastify);
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(WEBHOOK_PREFIX)) route.bodyLimit = WEBHOOK_BODY_LIMIT;
    else if (route.url.startsWith(UPLOAD_PREFIX) && route.method === 'POST')
      route.bodyLimit = UPLOAD_BODY_LIMIT;
  });
  // a callback hook, not an async one: no promise per answer
  fastify.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    done(null, payload);
  });
  // TradingView sends text/plain when the alert message is not recognised as JSON; controllers parse it.
  fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Registry and calendar imports accept CSV; the importers parse it.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Economic calendar imports accept iCalendar; the importer parses it.
  fastify.addContentTypeParser('text/calendar', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  return adapter;
}

/** What every app instance gets, whether built by NestFactory or by a testing module. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  countWebhookRequests(app);
  return app;
}

/** Every webhook answer counted by outcome and reason, and its time observed (issue 18's metrics). */
function countWebhookRequests(app: NestFastifyApplication): void {
  let metrics: Metrics;
  try {
    metrics = app.get(Metrics, { strict: false });
  } catch {
    return; // an app built without the metrics module (a partial test module)
  }
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (req, reply, done) => {
      if (req.url.startsWith(WEBHOOK_PREFIX)) {
        const { outcome, reason } = webhookOutcome(reply.statusCode);
        metrics.webhookRequests.inc({ outcome, reason });
        metrics.intakeSeconds.observe(reply.elapsedTime / 1000);
      }
      done();
    });
}
