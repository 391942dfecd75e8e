import { dumpAllTables, rowCounts } from '../support/db-inspect';
import { HttpClient, isJsonError, RawResponse } from './support/http-client';
import {
  exampleFor,
  fillPath,
  isFreeText,
  Operation,
  operations,
  plausiblePathValue,
} from './support/openapi';
import { FIRMS, PLATFORM_SECRETS, Platforms, startPlatforms } from '../support/platforms';
import { printReport, tally } from './support/report';
import {
  ADMIN,
  TEST_JWT_SECRET,
  serviceToken,
  ServiceHandle,
  startTestService,
} from '../support/service-process';
import { entrySignal, postSignal } from './support/signals';
import { FAST_ROUTER_ENV, waitForTasksSettled, WEBHOOK_SECRET, REL_RESILIENCE } from './support/suite';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/**
 * Security, over whatever the OpenAPI document lists (new routes are covered as they are added):
 * no credentials → 401 except the public list; a viewer's write → 403; SQL-injection and path-traversal
 * probes in every query and path parameter → 4xx (or, for a free-text filter, an empty 2xx) and no row
 * changed; configured secrets never in logs, API responses or database rows.
 */

type Doc = Parameters<typeof operations>[0];

/** The only operations that answer without a user: login, health, the webhook (its own secret), docs. */
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/health',
  'GET /api/health/ready',
  'POST /api/webhooks/tradingview',
  'POST /api/webhooks/signal',
]);
const isPublic = (op: Operation) => PUBLIC.has(`${op.method} ${op.path}`) || op.path.startsWith('/docs');

const PROBES = [
  "' OR '1'='1",
  "1' OR 1=1--",
  '1; DROP TABLE execution_tasks; --',
  "'; DELETE FROM users; --",
  '1 UNION SELECT password_hash FROM users',
  "FTMO'--",
  '1)) OR ((1=1',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd%00',
  '$(id)',
  '${jndi:ldap://127.0.0.1/x}',
];

/** A probe as it goes on the wire: encoded, except where it is an encoding trick itself. */
const wire = (p: string) => (/%[0-9a-f]{2}/i.test(p) ? p : encodeURIComponent(p));

const SECRETS: Record<string, string> = {
  WEBHOOK_SECRET,
  ADMIN_PASSWORD: ADMIN.password,
  JWT_SECRET: TEST_JWT_SECRET,
  FTMO_API_KEY: PLATFORM_SECRETS.restApiKey,
  APEX_TRADOVATE_PASSWORD: PLATFORM_SECRETS.tradovatePassword,
  APEX_TRADOVATE_SEC: PLATFORM_SECRETS.tradovateSec,
  TOPSTEP_API_KEY: PLATFORM_SECRETS.projectxApiKey,
};

describe('reliability: security', () => {
  let db: TestDatabase;
  let platforms: Platforms;
  let svc: ServiceHandle;
  let client: HttpClient;
  let doc: Doc;
  let ops: Operation[];
  let adminToken: string;
  const logs = { text: '' };
  const responses: string[] = [];

  const call = async (op: Operation, path: string, headers: Record<string, string>, query = '') => {
    const body = op.bodySchema ? JSON.stringify(exampleFor(doc, op.bodySchema)) : undefined;
    const r = await client.send(op.method, `${path}${query ? `?${query}` : ''}`, {
      headers: body ? { 'content-type': 'application/json', ...headers } : headers,
      body,
    });
    responses.push(r.text);
    return r;
  };
  const plausible = (op: Operation) =>
    fillPath(op.path, (name) => {
      const p = op.params.find((x) => x.name === name && x.in === 'path');
      return p ? plausiblePathValue(p) : '1';
    });
  const tables = async () =>
    (
      await withClient(db.url, (c) =>
        c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`),
      )
    ).rows
      .map((r) => r.t)
      .filter((t) => t !== 'migrations');

  beforeAll(async () => {
    db = await createTestDatabase('rel_security');
    platforms = await startPlatforms({ resilience: REL_RESILIENCE });
    svc = await startTestService({
      env: {
        DATABASE_URL: db.url,
        WEBHOOK_SECRET,
        EXECUTION_DRY_RUN: 'false',
        LOG_LEVEL: 'debug',
        LOG_REQUESTS: 'true',
        ...FAST_ROUTER_ENV,
        ...platforms.env,
      },
      sink: logs,
    });
    client = new HttpClient(svc.url, 8);
    adminToken = await serviceToken(svc.url);
    doc = (await (await fetch(`${svc.url}/docs-json`)).json()) as Doc;
    ops = operations(doc);
    // some real traffic, so that orders, logs and results exist to be searched for secrets
    for (let i = 0; i < 6; i++) {
      const s = await postSignal(client, entrySignal(`sec-${i}`, FIRMS, WEBHOOK_SECRET));
      responses.push(s.response.text);
    }
    await waitForTasksSettled(db.url, 60_000);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await svc?.stop();
    await platforms?.close();
    await db?.drop();
  });

  it('answers 401 on every non-public operation without credentials or with bad ones', async () => {
    const failures: string[] = [];
    let calls = 0;
    const badCredentials: Record<string, Record<string, string>> = {
      none: {},
      'garbage bearer': { authorization: 'Bearer not-a-token' },
      'forged JWT (alg none)': {
        authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"admin","role":"admin"}').toString('base64url')}.`,
      },
      'unknown API key': { 'x-api-key': 'pr_0000000000000000000000000000000000000000' },
    };
    for (const op of ops) {
      for (const [label, headers] of Object.entries(badCredentials)) {
        const r = await call(op, plausible(op), headers);
        calls++;
        if (r.status >= 500) failures.push(`${label}: ${op.method} ${op.path} → ${r.status}`);
        else if (!isPublic(op) && (r.status !== 401 || !isJsonError(r))) {
          failures.push(`${label}: ${op.method} ${op.path} → ${r.status} ${r.text.slice(0, 120)}`);
        }
      }
    }
    printReport('security: authentication', {
      'operations in the OpenAPI document': ops.length,
      'public operations': ops
        .filter(isPublic)
        .map((o) => `${o.method} ${o.path}`)
        .join(', '),
      'calls without valid credentials': calls,
      'answered other than a JSON 401 (non-public)': failures.length,
    });
    expect(ops.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 403 to every write by a viewer, and changes nothing', async () => {
    const created = await client.json(
      'POST',
      '/api/auth/api-keys',
      { name: 'rel-viewer', role: 'viewer' },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(created.status).toBe(201);
    const viewerKey = (created.json as { key: string }).key;
    const names = await tables();
    const before = await rowCounts(db.url, names);
    const writes = ops.filter((op) => op.method !== 'GET' && !isPublic(op));
    const failures: string[] = [];
    for (const op of writes) {
      const viewerHeaders: Record<string, string>[] = [
        { 'x-api-key': viewerKey },
        { authorization: `Bearer ${viewerKey}` },
      ];
      for (const headers of viewerHeaders) {
        const r = await call(op, plausible(op), headers);
        if (r.status !== 403 || !isJsonError(r))
          failures.push(`${op.method} ${op.path} → ${r.status} ${r.text.slice(0, 120)}`);
      }
    }
    const readsOk = (
      await call(
        ops.find((o) => o.path === '/api/execution/tasks')!,
        '/api/execution/tasks',
        { 'x-api-key': viewerKey },
      )
    ).status;
    const after = await rowCounts(db.url, names);
    const changed = names.filter((t) => before[t] !== after[t] && t !== 'api_keys');
    printReport('security: viewer role', {
      'write operations': writes.length,
      'viewer calls (X-API-Key and Bearer)': writes.length * 2,
      'answered other than a JSON 403': failures.length,
      'viewer read of /api/execution/tasks': readsOk,
      'tables changed': changed.join(', ') || 'none',
    });
    expect(writes.length).toBeGreaterThan(3);
    expect(failures).toEqual([]);
    expect(readsOk).toBe(200);
    expect(changed).toEqual([]);
  }, 120_000);

  it('answers SQL-injection and path-traversal probes in every parameter with a 4xx, changing nothing', async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    const names = await tables();
    const before = await rowCounts(db.url, names);
    const failures: string[] = [];
    const statuses: number[] = [];
    let probes = 0;
    let params = 0;
    for (const op of ops) {
      if (op.path.startsWith('/api/webhooks') || op.path === '/api/auth/login') continue; // bodies, not parameters
      for (const p of op.params.filter((x) => x.in === 'query' || x.in === 'path')) {
        params++;
        for (const probe of PROBES) {
          probes++;
          let r: RawResponse;
          if (p.in === 'path') {
            const path = fillPath(op.path, (name) => {
              if (name === p.name) return wire(probe);
              const other = op.params.find((x) => x.name === name && x.in === 'path');
              return other ? plausiblePathValue(other) : '1';
            });
            r = await call(op, path, auth);
          } else {
            r = await call(op, plausible(op), auth, `${encodeURIComponent(p.name)}=${wire(probe)}`);
          }
          statuses.push(r.status);
          const what = `${op.method} ${op.path} ${p.in} ${p.name}=${probe} → ${r.status} ${r.text.slice(0, 160)}`;
          if (r.status >= 500 || r.status === 0) failures.push(what);
          else if (r.status >= 400) {
            if (!isJsonError(r)) failures.push(`not a JSON error: ${what}`);
          } else if (!(op.method === 'GET' && p.in === 'query' && isFreeText(p.schema) && emptyList(r))) {
            // only a free-text filter may take any text, and then it must match nothing
            failures.push(what);
          }
        }
      }
    }
    const after = await rowCounts(db.url, names);
    const changed = names.filter((t) => before[t] !== after[t]);
    const passwd = responses.some((t) => t.includes('root:x:0:0'));
    printReport('security: injection and traversal probes', {
      'parameters probed (query and path, every operation)': params,
      'probes sent': probes,
      ...Object.fromEntries(Object.entries(tally(statuses, (s) => s)).map(([k, v]) => [`  status ${k}`, v])),
      'answered 5xx or a non-empty 2xx': failures.length,
      'tables whose row count changed': changed.join(', ') || 'none',
      '/etc/passwd served': passwd,
    });
    expect(params).toBeGreaterThan(5);
    expect(failures.slice(0, 30)).toEqual([]);
    expect(changed).toEqual([]);
    expect(passwd).toBe(false);
  }, 300_000);

  it('never shows a configured secret in logs, API responses or database rows', async () => {
    // the read side of the API, with results and orders present
    for (const op of ops.filter((o) => o.method === 'GET'))
      responses.push((await call(op, plausible(op), { authorization: `Bearer ${adminToken}` })).text);
    const login = await client.json('POST', '/api/auth/login', ADMIN);
    responses.push(login.text);
    const wrong = await client.json('POST', '/api/auth/login', {
      username: ADMIN.username,
      password: `${ADMIN.password}x`,
    });
    responses.push(wrong.text);
    const orders = (await withClient(db.url, (c) => c.query('SELECT count(*)::int AS n FROM orders'))).rows[0]
      .n as number;
    const dump = await dumpAllTables(db.url);
    const responseText = responses.join('\n');
    const leaks: string[] = [];
    for (const [name, value] of Object.entries(SECRETS)) {
      if (logs.text.includes(value)) leaks.push(`${name} in the logs`);
      if (responseText.includes(value)) leaks.push(`${name} in an API response`);
      if (dump.text.includes(value)) leaks.push(`${name} in the database`);
    }
    printReport('security: secrets', {
      'secrets searched for': Object.keys(SECRETS).join(', '),
      'log bytes captured (LOG_LEVEL=debug, LOG_REQUESTS=true)': logs.text.length,
      'API responses captured': responses.length,
      'database tables / rows dumped': `${dump.tables} / ${dump.rows}`,
      'orders stored (live mode)': orders,
      leaks: leaks.length,
    });
    expect(orders).toBeGreaterThanOrEqual(FIRMS.length);
    expect(wrong.status).toBe(401);
    expect(leaks).toEqual([]);
  }, 120_000);
});

function emptyList(r: RawResponse): boolean {
  const body = r.json as { total?: unknown; items?: unknown } | undefined;
  return !!body && body.total === 0 && Array.isArray(body.items) && body.items.length === 0;
}
