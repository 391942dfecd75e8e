import { randomBytes } from 'node:crypto';
import { AccountDirectory } from '../../src/accounts/application/ports/account-directory.port';
import { EnvAccountsService } from '../../src/accounts/application/env-accounts.service';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

const PASSWORD = 'dir-secret-password-77';
const MASTER_KEY = randomBytes(32).toString('base64');
const NO_FILTER = { accounts: [], tags: [], firmCodes: [], programIds: [] };
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('AccountDirectory and env accounts (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let directory: AccountDirectory;
  let tradovateId: number;
  let restId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp({
      label: 'acc_dir',
      env: {
        PROPROUTER_MASTER_KEY: MASTER_KEY,
        // one read per event-loop turn (the default keeps reads 1 s; a local write clears them at once)
        ACCOUNTS_CACHE_MS: '0',
        APEX_ENABLED: 'true',
        FTMO_ENABLED: 'true',
        FTMO_BASE_URL: 'http://127.0.0.1:9/ftmo',
        ACME_PLATFORM: 'rest',
        ACME_ENABLED: 'true',
      },
    });
    admin = await t.login();
    directory = t.app.get(AccountDirectory);
    const post = async (path: string, body: object) => {
      const r = await t.request('POST', path, { token: admin, body });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body;
    };
    tradovateId = (
      await post('/api/accounts/connections', {
        name: 'tv',
        platform: 'tradovate',
        credentials: { username: 'u1', password: PASSWORD },
      })
    ).id;
    restId = (
      await post('/api/accounts/connections', {
        name: 'rest',
        platform: 'rest',
        base_url: 'http://127.0.0.1:9/r/',
      })
    ).id;
    const acct = (label: string, body: object) =>
      post('/api/accounts', { label, platform_account: label, connection_id: tradovateId, ...body }).then(
        (a) => (ids[label] = a.id),
      );
    await acct('apex-a', { firm_code: 'APEX', program_id: 4, tags: ['apex-evals', 'nq'] });
    await acct('apex-b', { firm_code: 'APEX', program_id: 5, tags: ['apex-evals'] });
    await acct('apex-off', { firm_code: 'APEX', program_id: 6, tags: ['sleepy'], enabled: false });
    await acct('top-1', { firm_code: 'TOPSTEP', program_id: 7, tags: ['nq'], connection_id: restId });
  });
  afterAll(() => t.close());

  it('env firms: enabled registry firms and configured extra firms get env:{FIRM}, read-only, without credentials', async () => {
    const all = await directory.resolveTargets(NO_FILTER);
    if (!all.ok) throw new Error('expected ok');
    const env = all.accounts.filter((a) => a.source === 'env');
    expect(env.map((a) => [a.label, a.firmCode, a.programId, a.platform])).toEqual([
      ['env:ACME', 'ACME', null, 'rest'],
      ['env:APEX', 'APEX', null, 'rest'],
      ['env:FTMO', 'FTMO', null, 'rest'],
    ]);
    const ftmo = await directory.connection(env[2].connectionId);
    expect(ftmo).toMatchObject({
      name: 'env:FTMO',
      source: 'env',
      envFirm: 'FTMO',
      credentials: {},
      baseUrl: 'http://127.0.0.1:9/ftmo',
    });
    // ROUTER_ENABLED=false is set by the test app: a switch, not a firm
    expect(all.accounts.some((a) => a.label === 'env:ROUTER')).toBe(false);
  });

  it('no filter: every enabled account, in id order', async () => {
    const r = await directory.resolveTargets(NO_FILTER);
    expect(r.ok && r.accounts.map((a) => a.label)).toEqual([
      'env:ACME',
      'env:APEX',
      'env:FTMO',
      'apex-a',
      'apex-b',
      'top-1',
    ]);
  });

  it('filters intersect; labels are case-insensitive, numeric strings match ids; program_ids keep env accounts', async () => {
    const r = await directory.resolveTargets({ ...NO_FILTER, tags: ['nq'], firmCodes: ['APEX'] });
    expect(r.ok && r.accounts.map((a) => a.label)).toEqual(['apex-a']);
    const byRef = await directory.resolveTargets({
      ...NO_FILTER,
      accounts: ['APEX-B', String(ids['top-1'])],
    });
    expect(byRef.ok && byRef.accounts.map((a) => a.label)).toEqual(['apex-b', 'top-1']);
    const programs = await directory.resolveTargets({ ...NO_FILTER, firmCodes: ['APEX'], programIds: [5] });
    expect(programs.ok && programs.accounts.map((a) => a.label)).toEqual(['env:APEX', 'apex-b']);
  });

  it('unknown labels and tags are named; a filter matching nothing says why', async () => {
    const unknown = await directory.resolveTargets({
      ...NO_FILTER,
      accounts: ['nope', 'apex-a'],
      tags: ['ghost'],
    });
    expect(unknown).toEqual({ ok: false, unknownAccounts: ['nope'], unknownTags: ['ghost'] });
    expect(await directory.unknownNames({ ...NO_FILTER, accounts: ['apex-off'], tags: ['sleepy'] })).toEqual({
      accounts: [],
      tags: [],
      firmCodes: [],
    });
    const none = await directory.resolveTargets({ ...NO_FILTER, accounts: ['apex-off'] });
    expect(none).toEqual({
      ok: true,
      accounts: [],
      reason: 'no enabled account matches accounts [apex-off]',
    });
    const firm = await directory.resolveTargets({ ...NO_FILTER, firmCodes: ['MFFU'] });
    expect(firm).toEqual({ ok: true, accounts: [], reason: 'no enabled account matches firm_codes [MFFU]' });
  });

  it('reads the routing view of an account and its connection with credentials decrypted', async () => {
    const a = await directory.account(ids['apex-a']);
    expect(a).toMatchObject({
      label: 'apex-a',
      firmCode: 'APEX',
      programId: 4,
      connectionId: tradovateId,
      platform: 'tradovate',
      platformAccount: 'apex-a',
      phase: 'evaluation',
      enabled: true,
      tags: ['apex-evals', 'nq'],
      sizing: {
        mode: 'risk',
        defaultRiskPercent: null,
        fixedQuantity: null,
        quantityMultiplier: null,
        maxContracts: null,
      },
      symbolMap: {},
      source: 'api',
    });
    const c = await directory.connection(tradovateId);
    expect(c).toMatchObject({
      platform: 'tradovate',
      environment: 'demo',
      baseUrl: 'https://demo.tradovateapi.com/v1',
      credentials: { username: 'u1', password: PASSWORD },
      source: 'api',
      envFirm: null,
    });
    expect((await directory.connection(restId))?.baseUrl).toBe('http://127.0.0.1:9/r');
    expect((await directory.accountsOf(tradovateId)).map((x) => x.label)).toEqual([
      'apex-a',
      'apex-b',
      'apex-off',
    ]);
    expect(await directory.account(999_999)).toBeNull();
    expect(await directory.connection(999_999)).toBeNull();
  });

  it('sees every committed change on the next turn (no restart); one turn shares one read', async () => {
    const before = await directory.connection(tradovateId);
    await t.request('PATCH', `/api/accounts/${ids['apex-b']}`, {
      token: admin,
      body: { enabled: false, tags: ['moved'] },
    });
    await t.request('PATCH', `/api/accounts/connections/${tradovateId}`, {
      token: admin,
      body: { credentials: { password: 'rotated-password-1' } },
    });
    await nextTurn();
    const r = await directory.resolveTargets({ ...NO_FILTER, tags: ['apex-evals'] });
    expect(r.ok && r.accounts.map((a) => a.label)).toEqual(['apex-a']);
    const after = await directory.connection(tradovateId);
    expect(after?.credentials.password).toBe('rotated-password-1');
    expect(after?.revision).not.toBe(before?.revision);
    const [x, y] = await Promise.all([directory.account(ids['apex-a']), directory.account(ids['apex-a'])]);
    expect(x).toBe(y);
  });

  it('another process on the database sees every change at once and opens the credentials with the same key', async () => {
    const other = await startTestApp({
      db: t.db,
      env: { PROPROUTER_MASTER_KEY: MASTER_KEY, ACCOUNTS_CACHE_MS: '0' },
    });
    try {
      const there = other.app.get(AccountDirectory);
      await t.request('PATCH', `/api/accounts/${ids['top-1']}`, { token: admin, body: { tags: ['from-a'] } });
      expect((await there.account(ids['top-1']))?.tags).toEqual(['from-a']);
      expect((await there.connection(tradovateId))?.credentials.username).toBe('u1');
      const token = await other.login();
      await other.request('PATCH', `/api/accounts/${ids['top-1']}`, { token, body: { enabled: false } });
      await nextTurn();
      expect((await directory.account(ids['top-1']))?.enabled).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('env sync: idempotent under concurrency; a firm no longer enabled keeps its account, disabled', async () => {
    const sync = t.app.get(EnvAccountsService);
    await Promise.all([sync.onApplicationBootstrap(), sync.onApplicationBootstrap()]);
    const count = () =>
      withClient(
        t.db.url,
        async (c) =>
          (await c.query(`SELECT label, enabled FROM trading_accounts WHERE source = 'env' ORDER BY label`))
            .rows,
      );
    expect(await count()).toEqual([
      { label: 'env:ACME', enabled: true },
      { label: 'env:APEX', enabled: true },
      { label: 'env:FTMO', enabled: true },
    ]);
    process.env.APEX_ENABLED = 'false';
    try {
      await sync.onApplicationBootstrap();
      expect(await count()).toContainEqual({ label: 'env:APEX', enabled: false });
      await nextTurn();
      const r = await directory.resolveTargets({ ...NO_FILTER, firmCodes: ['APEX'] });
      expect(r.ok && r.accounts.map((a) => a.label)).toEqual(['apex-a']);
    } finally {
      process.env.APEX_ENABLED = 'true';
    }
    await sync.onApplicationBootstrap();
    expect(await count()).toContainEqual({ label: 'env:APEX', enabled: true });
  });
});
