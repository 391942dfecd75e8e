import { sleep } from '../reliability/support/report';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { ADMIN } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/**
 * What the built process writes to stdout/stderr (LOG_REQUESTS=true, LOG_LEVEL=info) when statements fail
 * and secrets travel in query strings: the failed statements are logged, their parameters (password and
 * API-key hashes, usernames) and Postgres's "failing row" detail are not; nor is a secret in a URL.
 */
const WEBHOOK_SECRET = 'log-webhook-secret-91c3e7a05d';
const USERNAME = 'reject-user-5b8e21';
const KEY_NAME = 'reject-key-0f7d94';
const BCRYPT_HASH = /\$2[aby]?\$\d\d\$[./A-Za-z0-9]{53}/;
const SHA256_HEX = /\b[0-9a-f]{64}\b/;

describe('secrets and hashes stay out of the logs (built process)', () => {
  let db: TestDatabase;
  let svc: ServiceProcess;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('logs');
    svc = await startServiceProcess({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
      LOG_REQUESTS: 'true',
      WEBHOOK_SECRET,
      ROUTER_ENABLED: 'false',
    });
    // the test's own rules, so that the service's inserts fail in the database whatever it checks first
    await withClient(db.url, async (c) => {
      await c.query(`ALTER TABLE users ADD CONSTRAINT test_reject CHECK (username NOT LIKE 'reject-%')`);
      await c.query(`ALTER TABLE api_keys ADD CONSTRAINT test_reject CHECK (name NOT LIKE 'reject-%')`);
    });
    token = await login(svc.url);
  }, 90_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await db?.drop();
  });

  it('logs failed SQL without its parameters or the failing row', async () => {
    const user = await post(svc.url, '/api/auth/users', token, {
      username: USERNAME,
      password: 'a-password-of-the-rejected-user',
      role: 'viewer',
    });
    const key = await post(svc.url, '/api/auth/api-keys', token, { name: KEY_NAME, role: 'viewer' });
    expect([user, key].every((s) => s >= 400)).toBe(true);
    await sleep(300);
    const out = svc.output();
    expect(out).toMatch(/query failed/i);
    expect(out).toMatch(/test_reject/);
    expect({
      username: out.includes(USERNAME),
      keyName: out.includes(KEY_NAME),
      bcryptHash: BCRYPT_HASH.test(out),
      apiKeyHash: SHA256_HEX.test(out),
    }).toEqual({ username: false, keyName: false, bcryptHash: false, apiKeyHash: false });
  });

  it('redacts query strings in request logs', async () => {
    const r = await fetch(`${svc.url}/api/webhooks/tradingview?secret=${WEBHOOK_SECRET}&note=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trade_id: 'log-1' }),
    });
    expect(r.status).toBeLessThan(500);
    await sleep(300);
    const out = svc.output();
    expect(out).toMatch(/\/api\/webhooks\/tradingview\?secret=\[REDACTED\]/);
    expect(out.includes(WEBHOOK_SECRET)).toBe(false);
  });
});

async function login(url: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function post(url: string, path: string, token: string, body: unknown): Promise<number> {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return r.status;
}
