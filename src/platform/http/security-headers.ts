import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (@fastify/helmet): nosniff, no framing, and a CSP that allows only this
 * origin. It fits Swagger UI at /docs (its own scripts; inline <style> and style attributes; data: images
 * in its CSS; fetches of /docs-json) and a single-page dashboard served from / with its own scripts,
 * styles and EventSource (SSE) on this origin. No upgrade-insecure-requests and no HSTS: PropRouter is
 * often reached over plain HTTP on a private address; the TLS-terminating proxy sets HSTS.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
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
