import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN, ServiceHandle, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

const DIST = join(MAIN, '..');
const CODE_CACHE = join(DIST, 'service.bundle.cache');

/** The ready line's fields (JSON log, LOG_LEVEL info). */
function readyLine(service: ServiceHandle): {
  bundle: boolean;
  codeCache: string;
  startupMs: Record<string, number>;
} {
  const line = service
    .output()
    .split('\n')
    .find((l) => l.includes('PropRouter ready at'));
  if (!line) throw new Error(`no ready line in:\n${service.output()}`);
  return JSON.parse(line) as { bundle: boolean; codeCache: string; startupMs: Record<string, number> };
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}

/**
 * `npm run build` bundles the service into dist/service.bundle.js, which dist/main.js (what `npm start`, the
 * Docker image and every service test run) loads through a V8 code cache. The bundle must do all that the
 * compiled files did: migrate an empty database from the unbundled migration files, serve the dashboard's
 * files and the API docs' assets (both found on disk at run time), answer ready.
 */
describe('the bundled service (e2e, built service)', () => {
  jest.setTimeout(120_000);
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('bundle_start', { empty: true });
  });
  afterAll(() => db.drop());

  it('starts from the bundle, migrates an empty database, serves the dashboard and the docs; the next start uses the code cache', async () => {
    expect(existsSync(join(DIST, 'service.bundle.js'))).toBe(true);
    const env = { DATABASE_URL: db.url, ROUTER_ENABLED: 'false', LOG_LEVEL: 'info' };
    const first = await startServiceProcess(env);
    try {
      const ready = readyLine(first);
      expect(ready.bundle).toBe(true);
      expect(['absent', 'stale', 'rejected', 'used']).toContain(ready.codeCache);
      expect(Object.keys(ready.startupMs)).toEqual([
        'service_loaded',
        'config',
        'database_spawned',
        'modules_loaded',
        'database_ready',
        'migrations',
        'app_created',
        'listening',
      ]);

      const shipped = readdirSync(join(DIST, 'migrations')).filter((f) => f.endsWith('.js')).length;
      const applied = await withClient(db.url, (c) => c.query('SELECT count(*)::int AS n FROM migrations'));
      expect(applied.rows[0]).toEqual({ n: shipped });
      expect(first.output()).toContain('migrations applied');

      const page = await fetch(`${first.url}/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain('<div id="root">');
      const docs = await fetch(`${first.url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      const asset = await fetch(`${first.url}/docs/swagger-ui-bundle.js`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
      const json = await fetch(`${first.url}/docs-json`);
      expect(((await json.json()) as { openapi: string }).openapi).toMatch(/^3\./);

      // a start that compiled from scratch leaves its cache for the next one (shortly after it is ready)
      if (ready.codeCache !== 'used') {
        const since = Date.now() - 1000;
        expect(
          await waitFor(() => existsSync(CODE_CACHE) && statSync(CODE_CACHE).mtimeMs >= since, 10_000),
        ).toBe(true);
      }
    } finally {
      await first.stop();
    }

    const second = await startServiceProcess(env);
    try {
      expect(readyLine(second)).toMatchObject({ bundle: true, codeCache: 'used' });
      expect(second.output()).not.toContain('migrations applied');
    } finally {
      await second.stop();
    }
  });
});
