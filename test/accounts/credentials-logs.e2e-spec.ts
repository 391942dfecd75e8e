import { sleep } from '../reliability/support/report';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { ADMIN } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

/**
 * What the built process writes (LOG_LEVEL=debug, LOG_REQUESTS=true) while connections are created, updated,
 * refused by the API, refused by the database and read: never a credential value.
 */
const PASSWORD = 'log-tradovate-password-4c1d';
const API_KEY = 'log-projectx-api-key-8e2f';
const SEC = 'log-tradovate-sec-77aa';

describe('credentials stay out of the logs (built process)', () => {
  let db: TestDatabase;
  let svc: ServiceProcess;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('acc_logs');
    svc = await startServiceProcess({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'debug',
      LOG_REQUESTS: 'true',
      ROUTER_ENABLED: 'false',
      APEX_ENABLED: 'true',
    });
    await withClient(db.url, (c) =>
      c.query(`ALTER TABLE platform_connections ADD CONSTRAINT test_reject CHECK (name NOT LIKE 'reject-%')`),
    );
    const r = await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    token = ((await r.json()) as { access_token: string }).access_token;
  }, 90_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await db?.drop();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(svc.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, text: await r.text() };
  };

  it('logs no password, API key or secret, whatever happens to the write', async () => {
    const tv = { platform: 'tradovate', credentials: { username: 'u', password: PASSWORD, sec: SEC } };
    const created = await call('POST', '/api/accounts/connections', { name: 'tv', ...tv });
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.text) as { id: number }).id;
    expect(
      (await call('PATCH', `/api/accounts/connections/${id}`, { credentials: { password: `${PASSWORD}-2` } }))
        .status,
    ).toBe(200);
    const refused = await call('POST', '/api/accounts/connections', {
      name: 'px',
      platform: 'projectx',
      credentials: { api_key: API_KEY, sec: SEC },
    });
    expect(refused.status).toBe(400);
    const failed = await call('POST', '/api/accounts/connections', {
      name: 'reject-px',
      platform: 'projectx',
      credentials: { api_key: API_KEY },
    });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const reads = [
      await call('GET', '/api/accounts/connections'),
      await call('GET', `/api/accounts/connections/${id}`),
      await call('GET', '/api/accounts/audit'),
    ];
    await sleep(300);
    const out = svc.output();
    expect(out).toMatch(/test_reject/); // the database's refusal was logged
    const everything = out + reads.map((r) => r.text).join('\n') + created.text + refused.text + failed.text;
    expect({
      password: everything.includes(PASSWORD),
      apiKey: everything.includes(API_KEY),
      sec: everything.includes(SEC),
      ciphertext: /v1\.[A-Za-z0-9+/=]{16}\./.test(out),
    }).toEqual({ password: false, apiKey: false, sec: false, ciphertext: false });
  });
});
