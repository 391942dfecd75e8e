import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ label: 'auth' });
    admin = await t.login();
  });
  afterAll(() => t.close());

  it('logs in and returns a bearer token with its lifetime', async () => {
    const r = await t.request('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'admin-password-for-tests' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
  });

  it('rejects a wrong password with 401 and a JSON error', async () => {
    const r = await t.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'nope' } });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ statusCode: 401, message: 'Invalid username or password' });
  });

  it('validates the login body, naming every problem', async () => {
    const r = await t.request('POST', '/api/auth/login', { body: { username: 5, extra: true } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('username'),
        expect.stringContaining('password'),
        expect.stringContaining('extra'),
      ]),
    );
  });

  it('requires auth on /api routes and keeps health public', async () => {
    expect((await t.request('GET', '/api/auth/api-keys')).status).toBe(401);
    expect((await t.request('GET', '/api/auth/api-keys', { token: 'garbage' })).status).toBe(401);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    const ready = await t.request('GET', '/api/health/ready');
    expect(ready.body).toMatchObject({ status: 'ok' });
  });

  it('creates an API key shown once, stores only its hash, and revokes it', async () => {
    const created = await t.request('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: 'bot', role: 'admin' },
    });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^pr_/);
    expect((await t.request('GET', '/api/auth/api-keys', { headers: { 'x-api-key': key } })).status).toBe(
      200,
    );
    const listed = await t.request('GET', '/api/auth/api-keys', { token: key });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const stored = await t.app.get(DataSource).query('SELECT key_hash FROM api_keys');
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(
      (await t.request('DELETE', `/api/auth/api-keys/${created.body.id}`, { token: admin })).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/api-keys', { token: key })).status).toBe(401);
    expect((await t.request('DELETE', '/api/auth/api-keys/99999', { token: admin })).status).toBe(404);
  });

  it('lets a viewer read, but not the API keys, and forbids a viewer write with 403', async () => {
    const u = await t.request('POST', '/api/auth/users', {
      token: admin,
      body: { username: 'vera', password: 'viewer-pass-1', role: 'viewer' },
    });
    expect(u.status).toBe(201);
    expect(u.body).not.toHaveProperty('password_hash');
    const dup = await t.request('POST', '/api/auth/users', {
      token: admin,
      body: { username: 'vera', password: 'viewer-pass-1', role: 'viewer' },
    });
    expect(dup.status).toBe(409);
    const viewer = await t.login('vera', 'viewer-pass-1');
    expect((await t.request('GET', '/api/execution/tasks', { token: viewer })).status).toBe(200);
    // decided in issue 12: key names, prefixes and owners are for admins only
    const keys = await t.request('GET', '/api/auth/api-keys', { token: viewer });
    expect(keys.status).toBe(403);
    expect(JSON.stringify(keys.body)).not.toContain('prefix');
    const w = await t.request('POST', '/api/auth/api-keys', { token: viewer, body: { name: 'x' } });
    expect(w.status).toBe(403);
  });
});
