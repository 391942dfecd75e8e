import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 12, authentication: tokens tied to the user row, user administration with its audit trail and
 * the last-admin rule, argon2id with legacy bcrypt hashes, and the per-username lockout. The login flood
 * against the webhook is in auth-rate-limit.e2e-spec.ts.
 */
describe('auth: sessions, users, passwords (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const sql = <T = Record<string, unknown>>(q: string, params: unknown[] = []) =>
    t.app.get(DataSource).query<T[]>(q, params);
  const createUser = async (username: string, password: string, role: 'admin' | 'viewer') => {
    const r = await t.request('POST', '/api/auth/users', {
      token: admin,
      body: { username, password, role },
    });
    expect(r.status).toBe(201);
    return r.body.id as number;
  };
  const halt = (token: string) =>
    t.request('POST', '/api/risk/halts', { token, body: { reason: 'test halt' } });

  beforeAll(async () => {
    t = await startTestApp({ label: 'auth_sessions' });
    admin = await t.login();
  });
  afterAll(() => t.close());

  it("ends a deleted admin's session at once (401), revokes its API keys, and audits the delete", async () => {
    const id = await createUser('ada', 'ada-password-1', 'admin');
    const token = await t.login('ada', 'ada-password-1');
    const key = (
      await t.request('POST', '/api/auth/api-keys', { token, body: { name: 'ada-bot', role: 'admin' } })
    ).body.key as string;
    expect((await t.request('GET', '/api/execution/tasks', { token: key })).status).toBe(200);
    const del = await t.request('DELETE', `/api/auth/users/${id}`, { token: admin });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id, username: 'ada', role: 'admin', enabled: true });
    expect((await t.request('GET', '/api/execution/tasks', { token })).status).toBe(401);
    expect((await halt(token)).status).toBe(401);
    expect((await halt(key)).status).toBe(401);
    const [row] = await sql<{ revoked: boolean }>(
      `SELECT revoked_at IS NOT NULL AS revoked FROM api_keys WHERE name = 'ada-bot'`,
    );
    expect(row.revoked).toBe(true);
    const audit = await t.request('GET', '/api/auth/audit', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      action: 'user.delete',
      target_user_id: id,
      target_username: 'ada',
      before: { username: 'ada', role: 'admin', enabled: true },
      after: null,
    });
    expect((await t.request('DELETE', `/api/auth/users/${id}`, { token: admin })).status).toBe(404);
  });

  it("answers 403 to a demoted admin's writes with the old token, its keys too, and audits the change", async () => {
    const id = await createUser('dora', 'dora-password-1', 'admin');
    const token = await t.login('dora', 'dora-password-1');
    const key = (
      await t.request('POST', '/api/auth/api-keys', { token, body: { name: 'dora-bot', role: 'admin' } })
    ).body.key as string;
    const patched = await t.request('PATCH', `/api/auth/users/${id}`, {
      token: admin,
      body: { role: 'viewer' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, role: 'viewer', enabled: true });
    expect((await halt(token)).status).toBe(403);
    expect((await halt(key)).status).toBe(403);
    expect((await t.request('GET', '/api/execution/tasks', { token })).status).toBe(200);
    const [row] = await sql(
      `SELECT actor, action, before, after FROM auth_audit WHERE target_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(row).toEqual({
      actor: 'admin',
      action: 'user.update',
      before: { username: 'dora', role: 'admin', enabled: true },
      after: { username: 'dora', role: 'viewer', enabled: true },
    });
  });

  it("ends a disabled user's sessions and keys at once; re-enabling does not bring the old token back", async () => {
    const id = await createUser('dino', 'dino-password-1', 'admin');
    const token = await t.login('dino', 'dino-password-1');
    const key = (await t.request('POST', '/api/auth/api-keys', { token, body: { name: 'dino-bot' } })).body
      .key as string;
    expect(
      (await t.request('PATCH', `/api/auth/users/${id}`, { token: admin, body: { enabled: false } })).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/execution/tasks', { token })).status).toBe(401);
    expect((await t.request('GET', '/api/execution/tasks', { token: key })).status).toBe(401);
    const refused = await t.request('POST', '/api/auth/login', {
      body: { username: 'dino', password: 'dino-password-1' },
    });
    expect(refused.status).toBe(401);
    expect(
      (await t.request('PATCH', `/api/auth/users/${id}`, { token: admin, body: { enabled: true } })).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/execution/tasks', { token })).status).toBe(401);
    expect((await t.request('GET', '/api/execution/tasks', { token: key })).status).toBe(200);
    const fresh = await t.login('dino', 'dino-password-1');
    expect((await t.request('GET', '/api/execution/tasks', { token: fresh })).status).toBe(200);
    // a new password ends the sessions issued before it
    const pw = await t.request('PATCH', `/api/auth/users/${id}`, {
      token: admin,
      body: { password: 'dino-password-2' },
    });
    expect(pw.status).toBe(200);
    expect((await t.request('GET', '/api/execution/tasks', { token: fresh })).status).toBe(401);
    expect((await t.login('dino', 'dino-password-2')).length).toBeGreaterThan(20);
    const [row] = await sql<{ after: Record<string, unknown> }>(
      `SELECT after FROM auth_audit WHERE target_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(row.after).toEqual({ username: 'dino', role: 'admin', enabled: true, password_changed: true });
    expect(JSON.stringify(await sql('SELECT * FROM auth_audit'))).not.toContain('dino-password');
  });

  it('refuses tokens without exp, signed with HS512, for a user that does not exist, or of the old shape', async () => {
    const jwt = t.app.get(JwtService);
    const [{ id }] = await sql<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`);
    const good = await jwt.signAsync({ sub: String(id), ver: 0 }, { expiresIn: 60 });
    expect((await t.request('GET', '/api/execution/tasks', { token: good })).status).toBe(200);
    const bad = {
      'no exp': await jwt.signAsync({ sub: String(id), ver: 0 }),
      HS512: await jwt.signAsync({ sub: String(id), ver: 0 }, { expiresIn: 60, algorithm: 'HS512' }),
      'no such user': await jwt.signAsync({ sub: '987654', ver: 0 }, { expiresIn: 60 }),
      'id past int4': await jwt.signAsync({ sub: '2147483648', ver: 0 }, { expiresIn: 60 }),
      'username as sub (old shape)': await jwt.signAsync({ sub: 'admin', role: 'admin' }, { expiresIn: 60 }),
      'no session version': await jwt.signAsync({ sub: String(id) }, { expiresIn: 60 }),
      expired: await jwt.signAsync({ sub: String(id), ver: 0, exp: Math.floor(Date.now() / 1000) - 5 }),
    };
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(bad).map(async ([k, token]) => [k, (await halt(token)).status] as const),
      ),
    );
    expect(statuses).toEqual(Object.fromEntries(Object.keys(bad).map((k) => [k, 401])));
  });

  it('keeps the last enabled admin: no demoting, disabling or deleting it (409), and audits nothing then', async () => {
    const [{ id }] = await sql<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`);
    const others = await sql<{ id: number }>(
      `SELECT id FROM users WHERE role = 'admin' AND enabled AND id <> $1`,
      [id],
    );
    for (const o of others)
      expect((await t.request('DELETE', `/api/auth/users/${o.id}`, { token: admin })).status).toBe(200);
    const auditRows = (await sql('SELECT id FROM auth_audit')).length;
    const tries = [
      await t.request('PATCH', `/api/auth/users/${id}`, { token: admin, body: { role: 'viewer' } }),
      await t.request('PATCH', `/api/auth/users/${id}`, { token: admin, body: { enabled: false } }),
      await t.request('DELETE', `/api/auth/users/${id}`, { token: admin }),
    ];
    expect(tries.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(tries[0].body.message).toContain('last enabled admin');
    expect((await sql('SELECT id FROM auth_audit')).length).toBe(auditRows);
    // with another enabled admin, an admin may be demoted
    const second = await createUser('second', 'second-password-1', 'admin');
    const demote = await t.request('PATCH', `/api/auth/users/${second}`, {
      token: admin,
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(200);
  });

  it('validates user changes, naming every problem, and keeps user administration to admins', async () => {
    const id = await createUser('vic', 'vic-password-1', 'viewer');
    const viewer = await t.login('vic', 'vic-password-1');
    const empty = await t.request('PATCH', `/api/auth/users/${id}`, { token: admin, body: {} });
    expect(empty.status).toBe(400);
    const bad = await t.request('PATCH', `/api/auth/users/${id}`, {
      token: admin,
      body: { role: 'root', enabled: 'yes', password: 'short' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('role'),
        expect.stringContaining('enabled'),
        expect.stringContaining('password'),
      ]),
    );
    expect(
      (await t.request('PATCH', '/api/auth/users/999999', { token: admin, body: { enabled: true } })).status,
    ).toBe(404);
    for (const [method, path] of [
      ['GET', '/api/auth/users'],
      ['GET', '/api/auth/audit'],
      ['GET', '/api/auth/api-keys'],
      ['PATCH', `/api/auth/users/${id}`],
      ['DELETE', `/api/auth/users/${id}`],
    ] as const) {
      const r = await t.request(method, path, {
        token: viewer,
        body: method === 'PATCH' ? { role: 'admin' } : undefined,
      });
      expect(`${method} ${path} ${r.status}`).toBe(`${method} ${path} 403`);
    }
    const list = await t.request('GET', '/api/auth/users', { token: admin });
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain('vic');
    expect(JSON.stringify(list.body)).not.toMatch(/password|argon|session_version/);
  });

  it('verifies a legacy bcrypt hash once and replaces it with argon2id', async () => {
    const legacy = await bcrypt.hash('legacy-password-1', 10);
    await sql(`INSERT INTO users (username, password_hash, role) VALUES ('old', $1, 'viewer')`, [legacy]);
    expect((await t.login('old', 'legacy-password-1')).length).toBeGreaterThan(20);
    const [row] = await sql<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'old'`,
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await t.login('old', 'legacy-password-1')).length).toBeGreaterThan(20);
  });

  it('counts every byte of a password: one differing past byte 72 does not log in, NFC forms do', async () => {
    const long = `${'p'.repeat(75)}-tail-A`;
    await createUser('longpw', long, 'viewer');
    const wrongTail = await t.request('POST', '/api/auth/login', {
      body: { username: 'longpw', password: `${'p'.repeat(75)}-tail-B` },
    });
    expect(wrongTail.status).toBe(401);
    expect((await t.login('longpw', long)).length).toBeGreaterThan(20);
    // a bcrypt hash never saw past byte 72: such a password cannot be checked against it
    await sql(`INSERT INTO users (username, password_hash, role) VALUES ('oldlong', $1, 'viewer')`, [
      await bcrypt.hash(long, 10),
    ]);
    expect(
      (await t.request('POST', '/api/auth/login', { body: { username: 'oldlong', password: long } })).status,
    ).toBe(401);
    await createUser('accent', 'caf\u00e9-password', 'viewer');
    expect((await t.login('accent', 'cafe\u0301-password')).length).toBeGreaterThan(20);
    const tooLong = await t.request('POST', '/api/auth/users', {
      token: admin,
      body: { username: 'toolong', password: 'x'.repeat(129), role: 'viewer' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([expect.stringMatching(/^password must be .*128 characters/)]);
    const loginTooLong = await t.request('POST', '/api/auth/login', {
      body: { username: 'longpw', password: 'x'.repeat(129) },
    });
    expect(loginTooLong.status).toBe(400);
  });

  it('locks a username out for longer after each further failure, with Retry-After, even for the right password', async () => {
    await createUser('locky', 'locky-password-1', 'viewer');
    const attempt = (password: string) =>
      t.request('POST', '/api/auth/login', { body: { username: 'locky', password } });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const locked = await attempt('locky-password-1');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    // another user from the same client is not locked
    expect((await t.login('vic', 'vic-password-1')).length).toBeGreaterThan(20);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await attempt('wrong-password')).status).toBe(401);
    const longer = await attempt('locky-password-1');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await attempt('locky-password-1')).status).toBe(200);
  });
});
