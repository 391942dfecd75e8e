import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

describe('registry API (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ label: 'reg_api' });
    admin = await t.login();
    const key = await t.request('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: 'viewer', role: 'viewer' },
    });
    viewer = key.body.key;
  });
  afterAll(() => t.close());

  const auditRows = (entity: string, id: number) =>
    withClient(
      t.db.url,
      async (c) =>
        (
          await c.query(
            'SELECT actor, action, before, after FROM registry_audit WHERE entity = $1 AND entity_id = $2 ORDER BY id',
            [entity, id],
          )
        ).rows,
    );

  describe('reads (seed shapes)', () => {
    it('lists the 11 firms with the program summary, numbers as numbers', async () => {
      const r = await t.request('GET', '/api/prop-registry/firms', { token: viewer });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('success');
      expect(r.body.count).toBe(11);
      expect(r.body.firms[0]).toEqual({
        id: 1,
        code: 'FTMO',
        name: 'FTMO',
        website_url: 'https://ftmo.com',
        status: 'active',
        schema_version: 1,
        meta: {},
        last_synced_at: null,
        program_count: 3,
        min_account_size: 50000,
        max_account_size: 200000,
      });
    });

    it('lists programs with firm_code/firm_name, filtered by firm_id, with the baseline values', async () => {
      const all = await t.request('GET', '/api/prop-registry/programs', { token: viewer });
      expect(all.body.count).toBe(33);
      const r = await t.request('GET', '/api/prop-registry/programs?firm_id=2', { token: viewer });
      expect(r.body.count).toBe(3);
      expect(r.body.programs[0]).toEqual({
        id: 4,
        firm_id: 2,
        firm_code: 'APEX',
        firm_name: 'Apex Trader Funding',
        name: 'Apex Trader Funding 50k Evaluation',
        account_size: 50000,
        currency: 'USD',
        max_daily_loss: 2500,
        max_total_loss: 5000,
        profit_target: 5000,
        min_trading_days: 5,
        max_trading_days: 30,
        payout_split: 0.8,
        scaling_plan: 'Grow 25% size every 10% net profit',
        schema_version: 1,
        meta: { note: expect.stringMatching(/^Baseline generic program/), source: 'seed_v1' },
      });
      const none = await t.request('GET', '/api/prop-registry/programs?firm_id=999', { token: viewer });
      expect(none.body).toEqual({ status: 'success', count: 0, programs: [] });
    });

    it('lists scaling rules filtered by program_id', async () => {
      const r = await t.request('GET', '/api/prop-registry/scaling-rules?program_id=1', { token: viewer });
      expect(r.body.count).toBe(1);
      expect(r.body.rules[0]).toEqual({
        id: 1,
        firm_id: 1,
        program_id: 1,
        step_number: 1,
        scale_factor: 1.25,
        profit_target_multiple: 1.1,
        min_days_between_scales: 30,
        max_equity_drawdown: 0.1,
        meta: { note: expect.any(String) },
      });
      expect((await t.request('GET', '/api/prop-registry/scaling-rules', { token: viewer })).body.count).toBe(
        33,
      );
    });

    it('serves the legacy /api/prop-firm/firms array from the registry', async () => {
      const r = await t.request('GET', '/api/prop-firm/firms', { token: viewer });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-registry-fallback')).toBeNull();
      expect(r.body).toHaveLength(11);
      expect(r.body[0]).toEqual({
        id: 1,
        name: 'FTMO',
        base_currency: 'USD',
        max_drawdown: 20000,
        daily_loss_limit: 10000,
        profit_target: 20000,
        account_count: 3,
      });
    });

    it('rejects bad filters and ids with a 400 naming the field, and unknown ids with a 404', async () => {
      const bad = await t.request('GET', '/api/prop-registry/programs?firm_id=abc', { token: viewer });
      expect(bad.status).toBe(400);
      expect(bad.body.details.join(' ')).toMatch(/firm_id/);
      const huge = await t.request('GET', '/api/prop-registry/firms/99999999999', { token: viewer });
      expect(huge.status).toBe(400);
      expect((await t.request('GET', '/api/prop-registry/firms/999', { token: viewer })).status).toBe(404);
      expect((await t.request('GET', '/api/prop-registry/programs/999', { token: viewer })).status).toBe(404);
      expect((await t.request('GET', '/api/prop-registry/scaling-rules/999', { token: viewer })).status).toBe(
        404,
      );
    });
  });

  describe('auth', () => {
    it('answers 401 without credentials on every registry route', async () => {
      for (const [method, path] of [
        ['GET', '/api/prop-registry/firms'],
        ['GET', '/api/prop-registry/programs'],
        ['GET', '/api/prop-registry/scaling-rules'],
        ['GET', '/api/prop-registry/audit'],
        ['GET', '/api/prop-firm/firms'],
        ['POST', '/api/prop-registry/firms'],
        ['POST', '/api/prop-registry/import'],
      ]) {
        expect({
          path,
          status: (await t.request(method, path, method === 'GET' ? {} : { body: {} })).status,
        }).toEqual({ path, status: 401 });
      }
    });

    it('answers 403 to a viewer writing, and changes nothing', async () => {
      const r = await t.request('POST', '/api/prop-registry/firms', {
        headers: { 'x-api-key': viewer },
        body: { code: 'VIEWERCO', name: 'Nope' },
      });
      expect(r.status).toBe(403);
      const del = await t.request('DELETE', '/api/prop-registry/firms/1', { token: viewer });
      expect(del.status).toBe(403);
      expect((await t.request('GET', '/api/prop-registry/firms/1', { token: viewer })).status).toBe(200);
    });
  });

  describe('admin CRUD', () => {
    it('creates, updates and deletes a firm, auditing each write with who, before and after', async () => {
      const created = await t.request('POST', '/api/prop-registry/firms', {
        token: admin,
        body: { code: 'NEWCO', name: 'New Co', website_url: 'https://new.example' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: 'NEWCO', status: 'active', schema_version: 1, meta: {} });
      const id = created.body.id;

      const updated = await t.request('PATCH', `/api/prop-registry/firms/${id}`, {
        token: admin,
        body: { status: 'inactive' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ name: 'New Co', status: 'inactive' });
      const active = await t.request('GET', '/api/prop-registry/firms', { token: admin });
      expect(active.body.firms.map((f: { code: string }) => f.code)).not.toContain('NEWCO');
      const all = await t.request('GET', '/api/prop-registry/firms?include_inactive=true', { token: admin });
      expect(all.body.firms.map((f: { code: string }) => f.code)).toContain('NEWCO');

      const deleted = await t.request('DELETE', `/api/prop-registry/firms/${id}`, { token: admin });
      expect(deleted.status).toBe(200);
      expect((await t.request('GET', `/api/prop-registry/firms/${id}`, { token: admin })).status).toBe(404);
      expect((await t.request('DELETE', `/api/prop-registry/firms/${id}`, { token: admin })).status).toBe(
        404,
      );

      const audit = await auditRows('firm', id);
      expect(audit.map((a) => [a.actor, a.action])).toEqual([
        ['admin', 'create'],
        ['admin', 'update'],
        ['admin', 'delete'],
      ]);
      expect(audit[1].before.status).toBe('active');
      expect(audit[1].after.status).toBe('inactive');
      expect(audit[2].after).toBeNull();
      const api = await t.request('GET', `/api/prop-registry/audit?entity=firm&entity_id=${id}`, {
        token: viewer,
      });
      expect(api.body.total).toBe(3);
      expect(api.body.items[0]).toMatchObject({
        action: 'delete',
        actor: 'admin',
        entity: 'firm',
        entity_id: id,
      });
    });

    it('lists every field problem of a firm in one 400, and stores nothing', async () => {
      const r = await t.request('POST', '/api/prop-registry/firms', {
        token: admin,
        body: { code: 'bad code', website_url: 'ftp://x', status: 'open', meta: [1], schema_version: 0 },
      });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([
        expect.stringMatching(/^code: /),
        'name: is required',
        'website_url: must be an http(s) URL',
        'status: must be one of active, inactive',
        'schema_version: must be at least 1',
        'meta: must be a JSON object',
      ]);
      const unknown = await t.request('POST', '/api/prop-registry/firms', {
        token: admin,
        body: { code: 'X', name: 'X', colour: 'red' },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details.join(' ')).toMatch(/colour/);
      expect(
        (await t.request('GET', '/api/prop-registry/firms?include_inactive=true', { token: admin })).body
          .count,
      ).toBe(11);
    });

    it('answers 409 for a duplicate firm code or a duplicate program', async () => {
      const dup = await t.request('POST', '/api/prop-registry/firms', {
        token: admin,
        body: { code: 'APEX', name: 'Again' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toMatch(/APEX/);
      const prog = await t.request('POST', '/api/prop-registry/programs', {
        token: admin,
        body: { firm_id: 2, name: 'Apex Trader Funding 50k Evaluation', account_size: 50000 },
      });
      expect(prog.status).toBe(409);
      const rename = await t.request('PATCH', '/api/prop-registry/firms/3', {
        token: admin,
        body: { code: 'APEX' },
      });
      expect(rename.status).toBe(409);
    });

    it('creates and edits a program with limits and a contract ladder in meta, validated', async () => {
      const ladder = [
        { min_profit: 0, max_contracts: 2 },
        { min_profit: 1500, max_contracts: 3 },
        { min_profit: 2000, max_contracts: 5 },
      ];
      const r = await t.request('POST', '/api/prop-registry/programs', {
        token: admin,
        body: {
          firm_id: 3,
          name: 'Topstep 50K Express Funded',
          account_size: 50000,
          max_total_loss: 2000,
          max_daily_loss: 1000,
          meta: { drawdown_type: 'eod_trailing_until_lock', max_contracts: 5, scaling_ladder: ladder },
        },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        firm_code: 'TOPSTEP',
        account_size: 50000,
        currency: 'USD',
        max_total_loss: 2000,
      });

      const bad = await t.request('PATCH', `/api/prop-registry/programs/${r.body.id}`, {
        token: admin,
        body: {
          account_size: -5,
          payout_split: 1.5,
          max_daily_loss: 5000,
          firm_id: 1,
          meta: {
            drawdown_type: 'weekly',
            scaling_ladder: [
              { min_profit: 100, max_contracts: 2 },
              { min_profit: 50, max_contracts: 0 },
            ],
          },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual(
        expect.arrayContaining([
          'account_size: must be greater than 0',
          'payout_split: must be at most 1',
          'meta.drawdown_type: must be one of static, eod_trailing, intraday_trailing, eod_trailing_until_lock, intraday_trailing_until_lock',
          'meta.scaling_ladder[1].max_contracts: must be at least 1',
          'meta.scaling_ladder[1].min_profit: must be greater than the previous rung (ascending order)',
          'firm_id: cannot be changed; create the program under the other firm instead',
        ]),
      );
      const kept = await t.request('GET', `/api/prop-registry/programs/${r.body.id}`, { token: admin });
      expect(kept.body.meta.scaling_ladder).toEqual(ladder);

      const noFirm = await t.request('POST', '/api/prop-registry/programs', {
        token: admin,
        body: { firm_id: 999, name: 'X', account_size: 1000 },
      });
      expect(noFirm.status).toBe(400);
      expect(noFirm.body.details).toEqual(['firm_id: no firm with id 999']);
    });

    it('creates a scaling rule under a program (firm taken from it), refuses a duplicate step and a mismatched firm', async () => {
      const r = await t.request('POST', '/api/prop-registry/scaling-rules', {
        token: admin,
        body: { program_id: 7, step_number: 2, scale_factor: 1.5 },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ firm_id: 3, program_id: 7, step_number: 2, scale_factor: 1.5 });
      const dup = await t.request('POST', '/api/prop-registry/scaling-rules', {
        token: admin,
        body: { program_id: 7, step_number: 2, scale_factor: 2 },
      });
      expect(dup.status).toBe(409);
      const mismatch = await t.request('POST', '/api/prop-registry/scaling-rules', {
        token: admin,
        body: { firm_id: 1, program_id: 7, scale_factor: 2, step_number: 3 },
      });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.details).toEqual(['firm_id: program 7 belongs to firm 3']);
      const edited = await t.request('PATCH', `/api/prop-registry/scaling-rules/${r.body.id}`, {
        token: admin,
        body: { scale_factor: 1.75 },
      });
      expect(edited.body.scale_factor).toBe(1.75);
      expect(
        (await t.request('DELETE', `/api/prop-registry/scaling-rules/${r.body.id}`, { token: admin })).status,
      ).toBe(200);
      expect((await auditRows('scaling_rule', r.body.id)).map((a) => a.action)).toEqual([
        'create',
        'update',
        'delete',
      ]);
    });

    it('a PATCH that changes nothing writes no audit row', async () => {
      const before = (await auditRows('firm', 4)).length;
      const r = await t.request('PATCH', '/api/prop-registry/firms/4', {
        token: admin,
        body: { name: 'MyFundedFutures' },
      });
      expect(r.status).toBe(200);
      expect((await auditRows('firm', 4)).length).toBe(before);
    });
  });
});
