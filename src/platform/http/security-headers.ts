import helmet from '@fastify/helmet';
import type { FastifyInstance, onSendHookHandler, RouteOptions } from 'fastify';

/**
 * Security headers on every answer (@fastify/helmet): nosniff, no framing, and a CSP that allows only this
 * origin. It fits Swagger UI at /docs (its own scripts; inline <style> and style attributes; data: images
 * in its CSS; fetches of /docs-json) and a single-page dashboard served from / with its own scripts,
 * styles and EventSource (SSE) on this origin. No upgrade-insecure-requests and no HSTS: PropRouter is
 * often reached over plain HTTP on a private address; the TLS-terminating proxy sets HSTS.
 *
 * Routes under `machinePrefix` (the webhooks: answers read by TradingView, never rendered by a browser) get
 * nosniff only: the plugin rebuilds helmet for every request, and its headers cost the hot path ~40 µs of
 * CPU per request (measured with inject on this 2-core machine: 81 → 121 µs, medians of 7).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, machinePrefix: string): void {
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith(machinePrefix)) return;
    route.helmet = false;
    route.onSend = [...toArray(route.onSend), nosniff];
  });
  void fastify.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: false,
  });
}

function toArray(hooks: RouteOptions['onSend']): onSendHookHandler[] {
  if (!hooks) return [];
  return (Array.isArray(hooks) ? hooks : [hooks]) as onSendHookHandler[];
}

const nosniff: onSendHookHandler = (_req, reply, payload, done) => {
  void reply.header('x-content-type-options', 'nosniff');
  done(null, payload);
};
