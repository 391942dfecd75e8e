import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

const PASSWORD = 'tradovate-pass-Zq81xx';
const API_KEY = 'projectx-key-Wm27yy';

describe('accounts API (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ label: 'acc_api', env: { APEX_ENABLED: 'true', APEX_PLATFORM: 'tradovate' } });
    admin = await t.login();
    const key = await t.request('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: 'viewer', role: 'viewer' },
    });
    viewer = key.body.key;
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, token = admin) => t.request('POST', path, { token, body });
  const patch = (path: string, body: unknown, token = admin) => t.request('PATCH', path, { token, body });
  const get = (path: string, token = viewer) => t.request('GET', path, { token });

  const tradovate = (name: string) => ({
    name,
    platform: 'tradovate',
    environment: 'demo',
    credentials: { username: 'trader1', password: PASSWORD, app_id: 'app', cid: '42', sec: 'sec-value-1' },
  });
  const account = (label: string, connectionId: number, extra: object = {}) => ({
    label,
    firm_code: 'APEX',
    program_id: 4,
    connection_id: connectionId,
    platform_account: '123456',
    platform_account_spec: 'DEMO123',
    tags: ['apex-evals', 'nq'],
    ...extra,
  });

  describe('connections', () => {
    it('creates, reads, updates and deletes a connection; credentials are write-only', async () => {
      const created = await post('/api/accounts/connections', tradovate('apex-login'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'apex-login',
        platform: 'tradovate',
        environment: 'demo',
        base_url: null,
        effective_base_url: 'https://demo.tradovateapi.com/v1',
        credentials_set: ['username', 'password', 'app_id', 'cid', 'sec'],
        source: 'api',
        env_firm: null,
        revision: 1,
      });
      const id = created.body.id as number;
      const read = await get(`/api/accounts/connections/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const changed = await patch(`/api/accounts/connections/${id}`, {
        environment: 'live',
        credentials: { cid: null, device_id: 'dev-1' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.effective_base_url).toBe('https://live.tradovateapi.com/v1');
      expect(changed.body.credentials_set).toEqual(['username', 'password', 'app_id', 'sec', 'device_id']);
      expect(changed.body.revision).toBe(2);
      const renamed = await patch(`/api/accounts/connections/${id}`, { name: 'apex-login-2' });
      expect(renamed.body.revision).toBe(2);

      const list = await get('/api/accounts/connections?limit=50');
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['env:APEX', 'apex-login-2']);

      const deleted = await t.request('DELETE', `/api/accounts/connections/${id}`, { token: admin });
      expect(deleted.status).toBe(200);
      expect((await get(`/api/accounts/connections/${id}`)).status).toBe(404);
    });

    it('lists every problem of a connection in one 400', async () => {
      const r = await post('/api/accounts/connections', {
        name: 'env:nope',
        platform: 'projectx',
        environment: 'staging',
        base_url: 'ftp://x',
        credentials: { username: 'u', sec: 'x', bogus: 'y', api_key: 5 },
      });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^name: must not start with "env:"/),
          expect.stringMatching(/^environment: must be one of demo, live/),
          expect.stringMatching(/^base_url: must be an http\(s\) URL/),
          expect.stringMatching(/^credentials\.sec: not a projectx credential/),
          expect.stringMatching(/^credentials\.bogus: unknown credential field/),
          expect.stringMatching(/^credentials\.api_key: must be a non-empty string/),
        ]),
      );
      expect(r.body.details).toHaveLength(6);
      const rest = await post('/api/accounts/connections', { name: 'r', platform: 'rest' });
      expect(rest.body.details).toEqual([expect.stringMatching(/^base_url: is required for rest/)]);
      const extra = await post('/api/accounts/connections', { name: 'r', platform: 'rest', surprise: 1 });
      expect(extra.status).toBe(400);
    });

    it('409 on a duplicate name; 404 on unknown ids', async () => {
      expect((await post('/api/accounts/connections', tradovate('dup'))).status).toBe(201);
      const again = await post('/api/accounts/connections', tradovate('dup'));
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/already exists/);
      expect((await patch('/api/accounts/connections/99999', { name: 'x' })).status).toBe(404);
      expect((await t.request('DELETE', '/api/accounts/connections/99999', { token: admin })).status).toBe(
        404,
      );
      expect((await get('/api/accounts/99999')).status).toBe(404);
    });
  });

  describe('accounts', () => {
    let connectionId: number;
    beforeAll(async () => {
      connectionId = (await post('/api/accounts/connections', tradovate('acct-login'))).body.id;
    });

    it('creates, reads, filters, updates and deletes an account', async () => {
      const created = await post(
        '/api/accounts',
        account('Apex-1', connectionId, {
          sizing_mode: 'multiplier',
          quantity_multiplier: '0.5',
          default_risk_percent: 0.01,
          symbol_map: { NQ: 'MNQ' },
        }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        label: 'Apex-1',
        firm_code: 'APEX',
        program_id: 4,
        connection_id: connectionId,
        platform: 'tradovate',
        platform_account: '123456',
        platform_account_spec: 'DEMO123',
        phase: 'evaluation',
        enabled: true,
        tags: ['apex-evals', 'nq'],
        sizing_mode: 'multiplier',
        quantity_multiplier: 0.5,
        default_risk_percent: 0.01,
        fixed_quantity: null,
        max_contracts: null,
        symbol_map: { NQ: 'MNQ' },
        flatten_orphans: false,
        guard_buffer: null,
        source: 'api',
        notes: [],
      });
      const id = created.body.id as number;
      expect((await get(`/api/accounts/${id}`)).body).toEqual(created.body);

      const fixed = await patch(`/api/accounts/${id}`, {
        sizing_mode: 'fixed',
        fixed_quantity: 2,
        enabled: false,
        flatten_orphans: true,
        guard_buffer: '0.125',
      });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({
        sizing_mode: 'fixed',
        fixed_quantity: 2,
        enabled: false,
        flatten_orphans: true,
        guard_buffer: 0.125,
      });
      const audited = await get(`/api/accounts/audit?entity=account&entity_id=${id}`);
      expect(audited.body.items[0]).toMatchObject({
        action: 'update',
        before: { flatten_orphans: false, guard_buffer: null },
        after: { flatten_orphans: true, guard_buffer: '0.125' },
      });

      const byTag = await get('/api/accounts?tag=nq&enabled=false');
      expect(byTag.body.items.map((a: { id: number }) => a.id)).toEqual([id]);
      expect((await get(`/api/accounts?connection_id=${connectionId}`)).body.total).toBe(1);
      expect(
        (await get('/api/accounts?firm_code=apex&enabled=true')).body.items.map(
          (a: { label: string }) => a.label,
        ),
      ).toEqual(['env:APEX']);

      const gone = await t.request('DELETE', `/api/accounts/${id}`, { token: admin });
      expect(gone.status).toBe(200);
      expect((await get(`/api/accounts/${id}`)).status).toBe(404);
    });

    it('lists every problem of an account in one 400', async () => {
      const r = await post('/api/accounts', {
        label: 'env:mine',
        firm_code: 'NOPE',
        program_id: 0,
        connection_id: 99999,
        platform_account: '',
        phase: 'pro',
        enabled: 'yes',
        tags: ['Bad Tag', 'x'.repeat(41)],
        sizing_mode: 'fixed',
        default_risk_percent: 2,
        quantity_multiplier: -1,
        max_contracts: 0,
        symbol_map: { nq: 'MNQ', ES: 'mes' },
        guard_buffer: 0.95,
      });
      expect(r.status).toBe(400);
      const fields = (r.body.details as string[]).map((d) => d.split(':')[0]);
      expect(fields).toEqual(
        expect.arrayContaining([
          'label',
          'firm_code',
          'program_id',
          'connection_id',
          'platform_account',
          'phase',
          'enabled',
          'tags[0]',
          'tags[1]',
          'default_risk_percent',
          'fixed_quantity',
          'quantity_multiplier',
          'max_contracts',
          'symbol_map.nq',
          'symbol_map.ES',
          'guard_buffer',
        ]),
      );
    });

    it('caps a 400 of many problems; a huge tag list is one problem', async () => {
      const tags = await post(
        '/api/accounts',
        account('many', connectionId, { tags: Array(5000).fill('BAD') }),
      );
      expect(tags.body.details).toEqual(['tags: must hold at most 20 tags']);
      const creds = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, 'x']));
      const r = await post('/api/accounts/connections', {
        name: 'many',
        platform: 'rest',
        base_url: 'http://h',
        credentials: creds,
      });
      expect(r.status).toBe(400);
      expect(r.body.details).toHaveLength(51);
      expect(r.body.details[50]).toBe('… and 450 more problems');
    });

    it('checks the program against the firm, and notes the tighter contract limit', async () => {
      const wrongFirm = await post('/api/accounts', account('wrong-firm', connectionId, { program_id: 7 }));
      expect(wrongFirm.status).toBe(400);
      expect(wrongFirm.body.details).toEqual(['program_id: program 7 belongs to TOPSTEP, not APEX']);
      const meta = await patch('/api/prop-registry/programs/5', { meta: { max_contracts: 4 } });
      expect(meta.status).toBe(200);
      const capped = await post(
        '/api/accounts',
        account('capped', connectionId, { program_id: 5, max_contracts: 10 }),
      );
      expect(capped.status).toBe(201);
      expect(capped.body.notes).toEqual([expect.stringMatching(/tighter one \(4\) applies/)]);
    });

    it('409 on a duplicate label (case-insensitive) and on deleting a connection with accounts', async () => {
      expect((await post('/api/accounts', account('twin', connectionId))).status).toBe(201);
      const again = await post('/api/accounts', account('TWIN', connectionId));
      expect(again.status).toBe(409);
      const del = await t.request('DELETE', `/api/accounts/connections/${connectionId}`, { token: admin });
      expect(del.status).toBe(409);
      expect(del.body.message).toMatch(/still has \d+ account/);
    });
  });

  describe('env accounts and roles', () => {
    it('an enabled env firm has a read-only connection and account', async () => {
      const list = await get('/api/accounts?firm_code=APEX');
      const env = list.body.items.find((a: { label: string }) => a.label === 'env:APEX');
      expect(env).toMatchObject({
        source: 'env',
        program_id: null,
        sizing_mode: 'risk',
        enabled: true,
        platform: 'tradovate',
      });
      const p = await patch(`/api/accounts/${env.id}`, { enabled: false });
      expect(p.status).toBe(409);
      expect(p.body.message).toBe('configured by environment: change APEX_* variables');
      expect((await t.request('DELETE', `/api/accounts/${env.id}`, { token: admin })).status).toBe(409);
      const c = await patch(`/api/accounts/connections/${env.connection_id}`, { name: 'x' });
      expect(c.status).toBe(409);
      expect((await get(`/api/accounts/connections/${env.connection_id}`)).body).toMatchObject({
        name: 'env:APEX',
        source: 'env',
        env_firm: 'APEX',
        credentials_set: [],
      });
    });

    it('a viewer reads but cannot write', async () => {
      expect((await get('/api/accounts/connections', viewer)).status).toBe(200);
      expect((await post('/api/accounts/connections', tradovate('v'), viewer)).status).toBe(403);
      expect((await post('/api/accounts', account('v', 1), viewer)).status).toBe(403);
    });

    it('credentials appear in no answer, no audit row, no table', async () => {
      const px = await post('/api/accounts/connections', {
        name: 'px',
        platform: 'projectx',
        credentials: { username: 'u', api_key: API_KEY },
      });
      expect(px.status).toBe(201);
      const answers = JSON.stringify([
        px.body,
        (await get('/api/accounts/connections?limit=500')).body,
        (await get('/api/accounts/connections?limit=500', admin)).body,
      ]);
      for (const secret of [PASSWORD, API_KEY, 'sec-value-1']) expect(answers).not.toContain(secret);
      const dump = await withClient(t.db.url, async (c) => {
        const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows;
        const parts: string[] = [];
        for (const { tablename } of tables)
          parts.push(JSON.stringify((await c.query(`SELECT t::text AS row FROM "${tablename}" t`)).rows));
        return parts.join('\n');
      });
      // booleans, not toContain: a failure must not print the dump
      expect(dump.includes(',px,projectx,')).toBe(true);
      expect(dump.includes('v1.')).toBe(true); // the ciphertext is there
      for (const secret of [PASSWORD, API_KEY, 'sec-value-1']) {
        expect(dump.includes(secret)).toBe(false);
        expect(dump.includes(Buffer.from(secret).toString('base64'))).toBe(false);
      }
      expect(dump.includes('"sealed"')).toBe(false);
      // and pg_dump's full dump, where the machine has it
      const pgDump = await promisify(execFile)('pg_dump', [t.db.url], { maxBuffer: 64 << 20 }).then(
        (r) => r.stdout,
        () => null,
      );
      if (pgDump !== null) {
        expect(pgDump.includes('CREATE TABLE public.platform_connections')).toBe(true);
        for (const secret of [PASSWORD, API_KEY, 'sec-value-1']) expect(pgDump.includes(secret)).toBe(false);
      }
      const viaApi = await get(`/api/accounts/audit?entity=connection&entity_id=${px.body.id}`);
      expect(viaApi.status).toBe(200);
      expect(viaApi.body).toMatchObject({
        total: 1,
        items: [
          {
            actor: 'admin',
            action: 'create',
            entity: 'connection',
            before: null,
            after: { name: 'px', credentials_set: ['username', 'api_key'] },
          },
        ],
      });
      const everything = JSON.stringify((await get('/api/accounts/audit?limit=500')).body);
      for (const secret of [PASSWORD, API_KEY, 'sec-value-1'])
        expect(everything.includes(secret)).toBe(false);
      const audit = await withClient(
        t.db.url,
        async (c) => (await c.query('SELECT * FROM accounts_audit')).rows,
      );
      expect(audit.length).toBeGreaterThan(5);
      expect(JSON.stringify(audit)).toContain('credentials_set');
    });
  });
});
