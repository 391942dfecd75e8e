import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RegistryQueries } from '../../src/registry/application/ports/registry-queries.port';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, withClient } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const CATALOG = join(ROOT, 'catalog', 'prop-firms.json');
const CLI = join(ROOT, 'dist', 'registry', 'cli', 'registry-import.js');

const counts = (url: string) =>
  withClient(url, async (c) => {
    const r = await c.query(
      `SELECT (SELECT COUNT(*) FROM prop_firms)::int AS firms, (SELECT COUNT(*) FROM prop_programs)::int AS programs,
              (SELECT COUNT(*) FROM prop_scaling_rules)::int AS rules, (SELECT COUNT(*) FROM registry_audit)::int AS audit`,
    );
    return r.rows[0] as { firms: number; programs: number; rules: number; audit: number };
  });

const DOC = {
  firms: [
    {
      code: 'IMPCO',
      name: 'Import Co',
      website_url: 'https://import.example',
      platforms: ['Tradovate'],
      programs: [
        {
          name: 'Imp 50k',
          account_size: 50000,
          max_daily_loss: 1000,
          max_total_loss: 2000,
          drawdown_type: 'eod_trailing',
          max_contracts: 5,
          scaling_rules: [{ step_number: 1, scale_factor: 1.5 }],
        },
        { name: 'Imp bad', account_size: -1, payout_split: 'lots' },
      ],
    },
  ],
  programs: [{ firm_code: 'NOSUCH', name: 'Orphan', account_size: 1000 }],
};

describe('registry import, sync and CLI (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ label: 'reg_import' });
    admin = await t.login();
  });
  afterAll(() => t.close());

  it('dry run reports every row and changes nothing', async () => {
    const before = await counts(t.db.url);
    const r = await t.request('POST', '/api/prop-registry/import?dry_run=true', { token: admin, body: DOC });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: true, created: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.body.rows).toEqual([
      {
        source: 'firms[0]',
        entity: 'firm',
        key: 'IMPCO',
        action: 'created',
        id: expect.any(Number),
        problems: [],
      },
      {
        source: 'firms[0].programs[0]',
        entity: 'program',
        key: 'IMPCO / Imp 50k / 50000',
        action: 'created',
        id: expect.any(Number),
        problems: [],
      },
      {
        source: 'firms[0].programs[0].scaling_rules[0]',
        entity: 'scaling_rule',
        key: 'IMPCO / Imp 50k / 50000 / step 1',
        action: 'created',
        id: expect.any(Number),
        problems: [],
      },
      {
        source: 'firms[0].programs[1]',
        entity: 'program',
        key: 'IMPCO / Imp bad / -1',
        action: 'rejected',
        id: null,
        problems: ['account_size: must be greater than 0', 'payout_split: must be a number'],
      },
      {
        source: 'programs[0]',
        entity: 'program',
        key: 'NOSUCH / Orphan / 1000',
        action: 'rejected',
        id: null,
        problems: ['firm_code: no firm NOSUCH (add the firm earlier in this import, or first)'],
      },
    ]);
    expect(await counts(t.db.url)).toEqual(before);
  });

  it('applies the valid rows, keeps unknown keys in meta, audits them as imports; a repeat is all unchanged', async () => {
    const before = await counts(t.db.url);
    const r = await t.request('POST', '/api/prop-registry/import', { token: admin, body: DOC });
    expect(r.body).toMatchObject({ dry_run: false, created: 3, rejected: 2 });
    expect(await counts(t.db.url)).toEqual({
      firms: before.firms + 1,
      programs: before.programs + 1,
      rules: before.rules + 1,
      audit: before.audit + 3,
    });
    const programId = r.body.rows[1].id;
    const p = await t.request('GET', `/api/prop-registry/programs/${programId}`, { token: admin });
    expect(p.body).toMatchObject({
      firm_code: 'IMPCO',
      account_size: 50000,
      meta: { drawdown_type: 'eod_trailing', max_contracts: 5 },
    });
    const firm = await t.request('GET', `/api/prop-registry/firms/${r.body.rows[0].id}`, { token: admin });
    expect(firm.body.meta).toEqual({ platforms: ['Tradovate'] });
    const audit = await withClient(
      t.db.url,
      async (c) =>
        (
          await c.query(
            "SELECT DISTINCT action, actor FROM registry_audit WHERE entity_id = $1 AND entity = 'program'",
            [programId],
          )
        ).rows,
    );
    expect(audit).toEqual([{ action: 'import', actor: 'admin' }]);

    const again = await t.request('POST', '/api/prop-registry/import', { token: admin, body: DOC });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 2 });
    expect((await counts(t.db.url)).audit).toBe(before.audit + 3);
  });

  it('updates by natural key and merges meta keys', async () => {
    const r = await t.request('POST', '/api/prop-registry/import', {
      token: admin,
      body: [
        {
          code: 'IMPCO',
          name: 'Import Co',
          programs: [{ name: 'Imp 50k', account_size: 50000, max_daily_loss: 1100, max_contracts: 6 }],
        },
      ],
    });
    expect(r.body.rows.map((x: { action: string }) => x.action)).toEqual(['unchanged', 'updated']);
    const p = await t.request('GET', `/api/prop-registry/programs/${r.body.rows[1].id}`, { token: admin });
    expect(p.body).toMatchObject({
      max_daily_loss: 1100,
      max_total_loss: 2000,
      meta: { drawdown_type: 'eod_trailing', max_contracts: 6 },
    });
  });

  it('imports CSV: a firm, its program with limits, a scaling step; bad cells reject their row only', async () => {
    const csv = [
      'firm_code,firm_name,website_url,program_name,account_size,max_daily_loss,max_total_loss,drawdown_type,max_contracts,step_number,scale_factor',
      'CSVCO,CSV Co,https://csv.example,CSV 100k,100000,2000,3000,static,10,1,1.25',
      'CSVCO,,,CSV 150k,lots,,,,,,',
      'CSVCO,,,CSV 25k,25000,500,1000,weekly,,,',
    ].join('\n');
    const r = await t.request('POST', '/api/prop-registry/import', {
      token: admin,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.status).toBe(200);
    expect(
      r.body.rows.map((x: { source: string; entity: string; action: string }) => [
        x.source,
        x.entity,
        x.action,
      ]),
    ).toEqual([
      ['line 2', 'firm', 'created'],
      ['line 2', 'program', 'created'],
      ['line 2', 'scaling_rule', 'created'],
      ['line 3', 'program', 'rejected'],
      ['line 4', 'program', 'rejected'],
    ]);
    expect(r.body.rows[3].problems).toEqual(['account_size: must be a number']);
    expect(r.body.rows[4].problems[0]).toMatch(/^meta\.drawdown_type: must be one of/);
    const programs = await t.request('GET', `/api/prop-registry/programs?firm_id=${r.body.rows[0].id}`, {
      token: admin,
    });
    expect(programs.body.programs).toEqual([
      expect.objectContaining({
        name: 'CSV 100k',
        account_size: 100000,
        max_total_loss: 3000,
        meta: { drawdown_type: 'static', max_contracts: 10 },
      }),
    ]);
  });

  it('refuses an unreadable document with a 400 naming every problem, storing nothing', async () => {
    const before = await counts(t.db.url);
    const cols = await t.request('POST', '/api/prop-registry/import', {
      token: admin,
      raw: 'firm_code,colour,size\nX,red,1',
      headers: { 'content-type': 'text/csv' },
    });
    expect(cols.status).toBe(400);
    expect(cols.body.details).toEqual([
      expect.stringMatching(/^colour: unknown column/),
      expect.stringMatching(/^size: unknown column/),
    ]);
    const shape = await t.request('POST', '/api/prop-registry/import', {
      token: admin,
      body: { firms: {}, extra: 1 },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.details).toEqual([
      'extra: unknown top-level key (expected firms, programs, scaling_rules)',
      'firms: must be an array',
    ]);
    const json = await t.request('POST', '/api/prop-registry/import', {
      token: admin,
      raw: '{"firms": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
    const empty = await t.request('POST', '/api/prop-registry/import', { token: admin, body: [] });
    expect(empty.status).toBe(400);
    expect(await counts(t.db.url)).toEqual(before);
  });

  it('imports the shipped catalogue of real programs (reference/prop_firms.json) without a rejection', async () => {
    const doc = JSON.parse(readFileSync(CATALOG, 'utf8'));
    const r = await t.request('POST', '/api/prop-registry/import?dry_run=true', { token: admin, body: doc });
    expect(r.status).toBe(200);
    expect(r.body.rejected).toBe(0);
    expect(r.body.rows.filter((x: { entity: string }) => x.entity === 'program')).toHaveLength(43);
  });

  it('serves the legacy mock firms when the registry cannot be read', async () => {
    class DownQueries extends RegistryQueries {
      firmSummaries = () => Promise.reject(new Error('connect ECONNREFUSED'));
      firmSummary = () => Promise.reject(new Error('down'));
      programs = () => Promise.reject(new Error('down'));
      program = () => Promise.reject(new Error('down'));
      rules = () => Promise.reject(new Error('down'));
      rule = () => Promise.reject(new Error('down'));
      audit = () => Promise.reject(new Error('down'));
    }
    const down = await startTestApp({
      label: 'reg_down',
      override: (b) => b.overrideProvider(RegistryQueries).useClass(DownQueries),
    });
    try {
      const token = await down.login();
      const r = await down.request('GET', '/api/prop-firm/firms', { token });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-registry-fallback')).toBe('mock');
      expect(r.body.map((f: { name: string }) => f.name)).toEqual(['FTMO', 'Apex Trader Funding']);
      expect(Object.keys(r.body[0]).sort()).toEqual(
        [
          'account_count',
          'base_currency',
          'daily_loss_limit',
          'id',
          'max_drawdown',
          'name',
          'profit_target',
        ].sort(),
      );
    } finally {
      await down.close();
    }
  });
});

describe('registry sync from REGISTRY_SYNC_SOURCE (e2e)', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  const csv =
    'firm_code,firm_name,program_name,account_size,max_daily_loss\nAPEX,Apex Trader Funding,Apex Sync 25k,25000,500\n';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/catalogue`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('syncs from a URL through the importer and stamps last_synced_at on the firms it covers', async () => {
    const t = await startTestApp({ label: 'reg_sync_url', env: { REGISTRY_SYNC_SOURCE: url } });
    try {
      const token = await t.login();
      const r = await t.request('POST', '/api/prop-registry/sync', { token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ source: url, created: 1, unchanged: 1, rejected: 0 });
      expect(hits).toBe(1);
      const firms = (await t.request('GET', '/api/prop-registry/firms', { token })).body.firms;
      const apex = firms.find((f: { code: string }) => f.code === 'APEX');
      expect(Date.parse(apex.last_synced_at)).toBeGreaterThan(Date.now() - 60_000);
      expect(firms.find((f: { code: string }) => f.code === 'FTMO').last_synced_at).toBeNull();
      const audit = await withClient(
        t.db.url,
        async (c) => (await c.query("SELECT actor FROM registry_audit WHERE action = 'sync'")).rows,
      );
      expect(audit).toEqual([{ actor: 'admin' }]);
    } finally {
      await t.close();
    }
  });

  it('syncs from a file on a schedule, and answers 409 / 503 when there is no source or it is unreachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-sync-'));
    const file = join(dir, 'catalogue.json');
    writeFileSync(file, JSON.stringify([{ code: 'FILECO', name: 'File Co' }]));
    const t = await startTestApp({
      label: 'reg_sync_file',
      env: { REGISTRY_SYNC_SOURCE: file, REGISTRY_SYNC_INTERVAL_MS: '1000' },
    });
    try {
      const token = await t.login();
      const deadline = Date.now() + 10_000;
      let synced: { last_synced_at: string | null } | undefined;
      while (Date.now() < deadline && !synced?.last_synced_at) {
        await new Promise((r) => setTimeout(r, 200));
        const firms = (await t.request('GET', '/api/prop-registry/firms', { token })).body.firms;
        synced = firms.find((f: { code: string }) => f.code === 'FILECO');
      }
      expect(synced?.last_synced_at).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
    const none = await startTestApp({
      label: 'reg_sync_none',
      env: { REGISTRY_SYNC_SOURCE: undefined, REGISTRY_SYNC_INTERVAL_MS: undefined },
    });
    try {
      const token = await none.login();
      const r = await none.request('POST', '/api/prop-registry/sync', { token });
      expect(r.status).toBe(409);
      expect(r.body.message).toMatch(/REGISTRY_SYNC_SOURCE/);
    } finally {
      await none.close();
    }
    const gone = await startTestApp({
      label: 'reg_sync_gone',
      env: { REGISTRY_SYNC_SOURCE: join(dir, 'missing.json'), REGISTRY_SYNC_INTERVAL_MS: undefined },
    });
    try {
      const r = await gone.request('POST', '/api/prop-registry/sync', { token: await gone.login() });
      expect(r.status).toBe(503);
      expect(r.body.message).toMatch(/ENOENT/);
    } finally {
      await gone.close();
    }
  });
});

describe('npm run registry:import (CLI, e2e)', () => {
  it('imports a file into DATABASE_URL: dry run changes nothing, a real run applies and exits 2 on rejections', async () => {
    const db = await createTestDatabase('reg_cli');
    await (await startTestApp({ db })).close();
    const dir = mkdtempSync(join(tmpdir(), 'pr-cli-'));
    const file = join(dir, 'firms.csv');
    writeFileSync(
      file,
      'firm_code,firm_name,program_name,account_size\nCLICO,CLI Co,CLI 50k,50000\nCLICO,,CLI bad,-5\n',
    );
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [CLI, file, ...args], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: db.url,
          LOG_LEVEL: 'silent',
          ADMIN_USERNAME: 'admin',
          ADMIN_PASSWORD: 'cli-admin-password',
        },
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    try {
      const dry = await run(['--dry-run']);
      expect(dry.code).toBe(2);
      expect(dry.out).toMatch(/Dry run of .*: 2 created, 0 updated, 0 unchanged, 1 rejected/);
      expect(dry.out).toMatch(/line 3 program CLICO \/ CLI bad \/ -5: account_size: must be greater than 0/);
      const firms = () =>
        withClient(
          db.url,
          async (c) =>
            (await c.query("SELECT COUNT(*)::int AS n FROM prop_firms WHERE code = 'CLICO'")).rows[0].n,
        );
      expect(await firms()).toBe(0);
      const real = await run([]);
      expect(real.code).toBe(2);
      expect(await firms()).toBe(1);
      const missing = await promisify(execFile)(process.execPath, [CLI], {
        env: { PATH: process.env.PATH },
      }).catch((e: { code: number; stderr: string }) => e);
      expect((missing as { code: number }).code).toBe(1);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
