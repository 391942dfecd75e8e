import createClient from 'openapi-fetch';
import type { paths } from '../generated/openapi';
import { waitFor } from '../routing/support/wait';
import { FlattenWorld, held, startFlattenWorld } from './support/flatten-world';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * The operator's kill switch over HTTP (issue 16), with the generated client: flatten one account, flatten
 * by tag or firm, halt and flatten what the halt reaches; on the Tradovate and ProjectX fakes, real Postgres.
 * Platform failures are outcomes (200, FAILED with the reason); bad input a 400 naming every problem.
 */
describe('kill switch API (e2e)', () => {
  let w: FlattenWorld;
  let api: ReturnType<typeof createClient<paths>>;
  let viewer: string;

  beforeAll(async () => {
    w = await startFlattenWorld('guards_kill_switch');
    api = createClient<paths>({ baseUrl: w.t.baseUrl, headers: { authorization: `Bearer ${w.token}` } });
    await w.t.request('POST', '/api/auth/users', {
      token: w.token,
      body: { username: 'vera', password: 'viewer-pass-1', role: 'viewer' },
    });
    viewer = await w.t.login('vera', 'viewer-pass-1');
  });
  afterAll(() => w?.close());

  const flattenOne = (id: number, reason = 'operator: flatten now') =>
    api.POST('/api/accounts/{id}/flatten', { params: { path: { id } }, body: { reason } });

  it('only the admin: anonymous 401, a viewer 403 on every kill switch route', async () => {
    const routes: [string, string, Row][] = [
      ['POST', `/api/accounts/${w.ids['apex-fl-1']}/flatten`, { reason: 'x' }],
      ['POST', '/api/accounts/flatten', { reason: 'x', all: true }],
      ['POST', '/api/risk/halts', { reason: 'x', flatten: true }],
      ['GET', '/api/risk/halts', {}],
    ];
    for (const [method, path, body] of routes) {
      const send = method === 'GET' ? undefined : body;
      expect({ path, status: (await w.t.request(method, path, { body: send })).status }).toEqual({
        path,
        status: 401,
      });
      const asViewer = await w.t.request(method, path, { token: viewer, body: send });
      expect({ path, status: asViewer.status }).toEqual({ path, status: 403 });
    }
    expect(await w.rows('SELECT id FROM account_flattens')).toEqual([]);
  });

  it('POST /api/accounts/{id}/flatten on ProjectX: the outcome, then ALREADY_FLAT', async () => {
    const id = w.ids['topstep-fl-1'];
    await w.open('topstep-fl-1', 'ks-px-1');
    const before = await w.snapshot(id);
    const { data, response } = await flattenOne(id);
    expect(response.status).toBe(200);
    expect(data).toEqual({
      account_id: id,
      account_label: 'topstep-fl-1',
      firm_code: 'TOPSTEP',
      status: 'FLAT',
      closed: [{ symbol: expect.any(String), quantity: 1 }],
      cancelled_orders: before.workingOrders.length,
      error: null,
      flatten_id: expect.any(Number),
    });
    expect(held(await w.snapshot(id))).toEqual({});
    const orders = await api.GET('/api/execution/orders', { params: { query: { account_id: id } } });
    const close = orders.data!.items.find((o) => o.flatten_id === data!.flatten_id);
    expect(close).toMatchObject({
      task_id: null,
      status: 'SUCCESS',
      event_type: 'exit',
      side: 'SELL',
      quantity: 1,
    });
    expect((await flattenOne(id)).data).toMatchObject({ status: 'ALREADY_FLAT', closed: [], error: null });
  });

  it('POST /api/accounts/flatten by tag closes every account, by firm those of the firm; concurrently', async () => {
    await Promise.all([
      w.open('apex-fl-1', 'ks-tag-1'),
      w.open('apex-fl-2', 'ks-tag-2'),
      w.open('topstep-fl-1', 'ks-tag-3'),
    ]);
    const byTag = await api.POST('/api/accounts/flatten', {
      body: { reason: 'close the book', tag: 'flatten-e2e' },
    });
    expect(byTag.response.status).toBe(200);
    expect(byTag.data).toMatchObject({ total: 3, failed: 0 });
    expect(byTag.data!.items.map((o) => [o.account_label, o.status])).toEqual([
      ['apex-fl-1', 'FLAT'],
      ['apex-fl-2', 'FLAT'],
      ['topstep-fl-1', 'FLAT'],
    ]);
    for (const id of Object.values(w.ids)) expect(held(await w.snapshot(id))).toEqual({});
    const byFirm = await api.POST('/api/accounts/flatten', { body: { reason: 'again', firm_code: 'apex' } });
    expect(byFirm.data!.items.map((o) => [o.account_label, o.status])).toEqual([
      ['apex-fl-1', 'ALREADY_FLAT'],
      ['apex-fl-2', 'ALREADY_FLAT'],
    ]);
    const all = await api.POST('/api/accounts/flatten', { body: { reason: 'everything', all: true } });
    expect(all.data!.total).toBe(3);
  });

  it('a bulk flatten reaches a disabled account too: disabling stops new signals, not what it holds', async () => {
    const id = w.ids['apex-fl-2'];
    await w.open('apex-fl-2', 'ks-disabled-1');
    const off = await w.t.request('PATCH', `/api/accounts/${id}`, {
      token: w.token,
      body: { enabled: false },
    });
    expect(off.status).toBe(200);
    try {
      expect(Object.values(held(await w.snapshot(id)))).toEqual([1]);
      const byFirm = await api.POST('/api/accounts/flatten', {
        body: { reason: 'all of APEX', firm_code: 'APEX' },
      });
      expect(byFirm.data!.items.map((o) => [o.account_label, o.status])).toEqual([
        ['apex-fl-1', 'ALREADY_FLAT'],
        ['apex-fl-2', 'FLAT'],
      ]);
      expect(held(await w.snapshot(id))).toEqual({});
    } finally {
      await w.t.request('PATCH', `/api/accounts/${id}`, { token: w.token, body: { enabled: true } });
    }
  });

  it('a close the platform could not take is left RETRY, then re-driven once it answers: the account ends flat', async () => {
    const id = w.ids['apex-fl-1'];
    await w.open('apex-fl-1', 'ks-redrive-1');
    const fake = w.platforms.byFirm.APEX;
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: 'liquidateposition' });
    let flattenId: number;
    try {
      const { data } = await flattenOne(id, 'liquidation down');
      expect(data!.status).not.toBe('FLAT');
      flattenId = data!.flatten_id!;
      const orders = await api.GET('/api/execution/orders', { params: { query: { account_id: id } } });
      expect(orders.data!.items.find((o) => o.flatten_id === flattenId)).toMatchObject({ status: 'RETRY' });
      expect(Object.keys(held(await w.snapshot(id)))).not.toEqual([]);
    } finally {
      fake.clearFaults();
    }
    const close = await waitFor(
      'the close re-driven to SUCCESS',
      async () => {
        const orders = await api.GET('/api/execution/orders', { params: { query: { account_id: id } } });
        const o = orders.data!.items.find((x) => x.flatten_id === flattenId);
        return o?.status === 'SUCCESS' ? o : undefined;
      },
      30_000,
    );
    expect(close).toMatchObject({ task_id: null, event_type: 'exit', error_message: null });
    expect(held(await w.snapshot(id))).toEqual({});
  });

  it('a halt with flatten: true halts, then flattens what it reaches; the sibling still trades', async () => {
    const id = w.ids['apex-fl-1'];
    await w.open('apex-fl-1', 'ks-halt-1');
    const r = await api.POST('/api/risk/halts', {
      body: { account_id: id, reason: 'stop this one', flatten: true },
    });
    expect(r.response.status).toBe(201);
    expect(r.data).toMatchObject({ scope: 'account', account_id: id, active: true });
    expect(r.data!.flattens).toEqual([
      expect.objectContaining({ account_id: id, status: 'FLAT', error: null }),
    ]);
    expect(held(await w.snapshot(id))).toEqual({});
    const [record] = await w.rows('SELECT cause, reason FROM account_flattens WHERE id = $1', [
      r.data!.flattens![0].flatten_id,
    ]);
    expect(record).toEqual({ cause: 'halt', reason: r.data!.reason });
    expect((await w.open('apex-fl-1', 'ks-halt-2')).result.risk_checks[0].rule).toBe('TRADING_HALTED');
    expect((await w.open('apex-fl-2', 'ks-halt-3')).result.outcome).toBe('ROUTED');
    const firm = await api.POST('/api/risk/halts', {
      body: { firm_code: 'APEX', reason: 'firm off', flatten: true },
    });
    expect(firm.data!.flattens!.map((o) => [o.account_label, o.status])).toEqual([
      ['apex-fl-1', 'ALREADY_FLAT'],
      ['apex-fl-2', 'FLAT'],
    ]);
    const plain = await api.POST('/api/risk/halts', { body: { firm_code: 'TOPSTEP', reason: 'no flatten' } });
    expect(plain.data!.flattens).toBeNull();
    for (const h of [r.data!, firm.data!, plain.data!])
      await api.DELETE('/api/risk/halts/{id}', { params: { path: { id: h.id } } });
  });

  // Last of the tests that reach a platform: every APEX request fails here, and writes made meanwhile (by
  // this flatten or by work still running from earlier tests) count toward the connection's breaker (5 in a
  // row open it for 30 s; API connections use the default settings). Seen once in CI: the two tests that
  // followed it found the breaker open.
  it('the platform down: 200 with FAILED and the reason, for that account alone', async () => {
    const fake = w.platforms.byFirm.APEX;
    fake.addFault({ fault: { kind: 'http', status: 503 } });
    try {
      const one = await flattenOne(w.ids['apex-fl-2'], 'platform down');
      expect(one.response.status).toBe(200);
      expect(one.data).toMatchObject({
        status: 'FAILED',
        error: expect.stringMatching(/could not be read: .*503/),
      });
      const many = await api.POST('/api/accounts/flatten', { body: { reason: 'down', tag: 'flatten-e2e' } });
      expect(many.response.status).toBe(200);
      expect(many.data).toMatchObject({ total: 3, failed: 2 });
      expect(many.data!.items.map((o) => o.status)).toEqual(['FAILED', 'FAILED', 'ALREADY_FLAT']);
    } finally {
      fake.clearFaults();
    }
  });

  it('bad input: a 400 naming every problem, an unknown account or selection a 404, never a 5xx', async () => {
    const post = (path: string, body: unknown) => w.t.request('POST', path, { token: w.token, body });
    const one = `/api/accounts/${w.ids['apex-fl-1']}/flatten`;
    const expect400 = async (path: string, body: unknown, fields: string[]) => {
      const r = await post(path, body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      for (const f of fields)
        expect(r.body.details).toEqual(expect.arrayContaining([expect.stringContaining(f)]));
    };
    await expect400(one, {}, ['reason']);
    await expect400(one, { reason: 5, extra: 1 }, ['reason', 'extra']);
    await expect400(one, { reason: 'x'.repeat(501) }, ['reason']);
    await expect400('/api/accounts/abc/flatten', { reason: 'x' }, ['id']);
    await expect400('/api/accounts/flatten', { reason: 'x' }, ['exactly one of all']);
    await expect400('/api/accounts/flatten', { reason: 'x', all: true, tag: 'flatten-e2e' }, ['exactly one']);
    await expect400('/api/accounts/flatten', { reason: 'x', all: false }, ['exactly one']);
    await expect400('/api/accounts/flatten', { reason: '', firm_code: 'no such!' }, ['reason', 'firm_code']);
    await expect400('/api/accounts/flatten', { reason: 'x', tag: ['a'] }, ['tag']);
    await expect400('/api/risk/halts', { reason: 'x', flatten: 'yes' }, ['flatten']);
    await expect400('/api/risk/halts', { reason: 'x', flatten: null }, ['flatten']);
    for (const raw of ['not json', '[]', 'null'])
      expect(
        (
          await w.t.request('POST', one, {
            token: w.token,
            raw,
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(400);
    expect((await post('/api/accounts/999999/flatten', { reason: 'x' })).status).toBe(404);
    const noTag = await post('/api/accounts/flatten', { reason: 'x', tag: 'nobody-has-this' });
    expect([noTag.status, noTag.body.message]).toEqual([404, 'No account has the tag "nobody-has-this"']);
    const noFirm = await post('/api/accounts/flatten', { reason: 'x', firm_code: 'FTMO' });
    expect([noFirm.status, noFirm.body.message]).toEqual([404, 'No account of firm FTMO']);
  });
});
