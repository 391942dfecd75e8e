import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build` puts the dashboard (web/, built by Vite): dist/web beside dist/platform. */
export const DASHBOARD_DIR = join(__dirname, '..', '..', 'web');

/**
 * The dashboard's client-side routes (web/src/app/routes.ts): a reload or a link to one of them gets
 * index.html. Named one by one rather than a catch-all, so every other path (`/api/…`, `/docs`, `/metrics`,
 * a typo) keeps Nest's JSON 404.
 */
export const DASHBOARD_ROUTES = [
  'login',
  'accounts',
  'signals',
  'orders',
  'kill-switch',
  'connections',
  'registry',
  'simulator',
  'notifications',
  'system',
];

/**
 * Serves the single-page dashboard at `/`: the built files (hashed assets cached for a year, gzip/brotli
 * copies written by the build served when the client takes them) and index.html for the client routes.
 * No dashboard build (a service built without it, e.g. a unit-test app): nothing is registered. Helmet's
 * CSP (security-headers.ts) covers these answers like every other: the build has no inline script.
 */
export function registerDashboard(fastify: FastifyInstance, dir = DASHBOARD_DIR): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  void fastify.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      const immutable = path.includes(`${join(dir, 'assets')}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (_req: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', dir);
  fastify.get('/', page);
  for (const route of DASHBOARD_ROUTES) {
    fastify.get(`/${route}`, page);
    fastify.get(`/${route}/*`, page);
  }
  return true;
}
