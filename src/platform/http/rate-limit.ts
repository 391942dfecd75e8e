import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppEnv } from '../config/app.config';

export const LOGIN_ROUTE = '/api/auth/login';
/** Liveness: polled by orchestrators and used as the benchmark's HTTP ceiling; it touches nothing. */
export const LIVENESS_ROUTE = '/api/health';
/**
 * A login refused by its budget is answered after this delay (a tarpit): each connection of a password
 * guesser then costs the service about one cheap answer a second instead of thousands.
 */
export const LOGIN_REFUSAL_DELAY_MS = 1000;

/**
 * Request budgets per client IP (`req.ip`, so `TRUST_PROXY` decides what the client is), checked in
 * Fastify's onRequest hook: a refused request costs no body parsing and never reaches Nest. Three budgets,
 * each its own counter: login, the webhooks (so a login flood can never spend the signals' budget), and
 * every other route but liveness. Failed logins are also slowed per username and per client by the auth
 * module (LoginLockout).
 */
export function registerRateLimits(fastify: FastifyInstance, env: AppEnv, webhookPrefix: string): void {
  if (!env.RATE_LIMIT_ENABLED) return;
  const timeWindow = env.RATE_LIMIT_WINDOW_S * 1000;
  const budget = (max: number) => ({ max, timeWindow });
  // runs before the plugin's own onRoute hook (added when the plugin loads), which reads route.config
  fastify.addHook('onRoute', (route) => {
    const own = route.url.startsWith(webhookPrefix)
      ? budget(env.RATE_LIMIT_WEBHOOK_MAX)
      : route.url === LOGIN_ROUTE
        ? budget(env.RATE_LIMIT_LOGIN_MAX)
        : route.url === LIVENESS_ROUTE
          ? false
          : undefined;
    if (own !== undefined) route.config = { ...(route.config as object), rateLimit: own };
    if (route.url === LOGIN_ROUTE) route.onError = [...asArray(route.onError), delayRefusal];
  });
  void fastify.register(rateLimit, {
    global: true,
    ...budget(env.RATE_LIMIT_MAX),
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many requests: try again in ${ctx.after}`), { statusCode: 429 }),
  });
}

async function delayRefusal(_req: FastifyRequest, _reply: FastifyReply, error: { statusCode?: number }) {
  if (error.statusCode === 429) await new Promise((resolve) => setTimeout(resolve, LOGIN_REFUSAL_DELAY_MS));
}

function asArray<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
