import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import { buildOpenApiDocument } from '../../src/platform/openapi/openapi';
import type { paths } from '../generated/openapi';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const GENERATED = join(__dirname, '..', 'generated', 'openapi.d.ts');
const CLI = join(__dirname, '..', '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

describe('OpenAPI document and a generated typed client (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'openapi', env: { WEBHOOK_SECRET: 'openapi-test-secret' } });
  });
  afterAll(() => t.close());

  it('serves the document at /docs-json and the UI at /docs', async () => {
    const doc = await t.request('GET', '/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/prop-registry/firms']),
    );
    expect((await fetch(`${t.baseUrl}/docs`)).status).toBe(200);
  });

  it('describes every route with an operation id and a response schema', () => {
    const doc = buildOpenApiDocument(t.app);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(
        item as Record<string, { operationId?: string; responses?: object }>,
      )) {
        expect({ route: `${method} ${path}`, operationId: op.operationId }).toEqual({
          route: `${method} ${path}`,
          operationId: expect.any(String),
        });
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
  });

  it('matches the committed generated client types (run `npm run openapi:client` after API changes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(buildOpenApiDocument(t.app)));
    execFileSync(process.execPath, [CLI, join(dir, 'openapi.json'), '-o', join(dir, 'openapi.d.ts')], {
      stdio: 'pipe',
    });
    expect(readFileSync(join(dir, 'openapi.d.ts'), 'utf8')).toEqual(readFileSync(GENERATED, 'utf8'));
  });

  it('round-trips through the generated client: login, read the registry, create and revoke an API key', async () => {
    const client = createClient<paths>({ baseUrl: t.baseUrl });
    const login = await client.POST('/api/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
    });
    expect(login.response.status).toBe(200);
    const headers = { authorization: `Bearer ${login.data!.access_token}` };

    const firms = await client.GET('/api/prop-registry/firms', { headers });
    expect(firms.response.status).toBe(200);
    expect(firms.data!.count).toBe(11);
    const programs = await client.GET('/api/prop-registry/programs', {
      headers,
      params: { query: { firm_id: 1 } },
    });
    expect(programs.data!.programs.map((p) => p.account_size)).toEqual([50000, 100000, 200000]);

    const created = await client.POST('/api/auth/api-keys', {
      headers,
      body: { name: 'typed-client', role: 'viewer' },
    });
    expect(created.response.status).toBe(201);
    const viewer = { 'x-api-key': created.data!.key };
    const denied = await client.POST('/api/auth/api-keys', {
      headers: viewer,
      body: { name: 'nope', role: 'viewer' },
    });
    expect(denied.response.status).toBe(403);
    const revoked = await client.DELETE('/api/auth/api-keys/{id}', {
      headers,
      params: { path: { id: created.data!.id } },
    });
    expect(revoked.data!.revoked_at).not.toBeNull();

    const bad = await client.GET('/api/prop-registry/programs', {
      headers,
      params: { query: { firm_id: -1 } },
    });
    expect(bad.response.status).toBe(400);
  });
});
