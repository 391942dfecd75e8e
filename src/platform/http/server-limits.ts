import type { FastifyServerOptions } from 'fastify';
import type { HttpSettings } from '../config/http.config';

/**
 * How often Node looks for connections past their headers or request timeout. Its default (30 s) would let
 * a slow client hold its connection up to 30 s past the timeout.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * Fastify's and Node's server timeouts: headers (slow headers), request (the whole request, body included:
 * a slow body is answered 408 and closed), keep-alive (idle between requests) and idle (no traffic at all).
 */
export function serverLimits(s: HttpSettings): Partial<FastifyServerOptions> {
  return {
    trustProxy: s.trustProxy,
    connectionTimeout: s.idleTimeoutMs,
    keepAliveTimeout: s.keepAliveTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    http: {
      headersTimeout: s.headersTimeoutMs,
      requestTimeout: s.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
  } as Partial<FastifyServerOptions>;
}
