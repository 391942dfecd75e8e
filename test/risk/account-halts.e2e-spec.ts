import { FlattenWorld, startFlattenWorld } from '../guards/support/flatten-world';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * Halts on one trading account and halts that end by themselves (issue 16), end to end: the halt API takes
 * `account_id` and `expires_at`, the risk gate refuses that account's entries while its sibling of the same
 * firm trades, and an expired halt no longer stops anything. Tradovate fake, real Postgres.
 */
describe('account halts (e2e)', () => {
  let w: FlattenWorld;
  const halt = (body: Row) => w.t.request('POST', '/api/risk/halts', { token: w.token, body });
  const clear = (id: number) => w.t.request('DELETE', `/api/risk/halts/${id}`, { token: w.token });
  const haltRule = (task: Row) =>
    task.result.risk_checks.map((r: Row) => r.rule ?? r.status).join(',') as string;

  beforeAll(async () => {
    w = await startFlattenWorld('risk_account_halts');
  });
  afterAll(() => w?.close());

  it('a halt on one account refuses its entries; its sibling of the same firm still trades; the notice names it', async () => {
    const id = w.ids['apex-fl-1'];
    const r = await halt({ account_id: id, reason: 'guard: equity near the floor' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      account_id: id,
      firm_code: 'APEX',
      scope: 'account',
      active: true,
      expires_at: null,
      created_by: 'admin',
    });
    const halted = await w.open('apex-fl-1', 'ah-1');
    expect(halted.result.outcome).toBe('REJECTED');
    expect(halted.result.risk_checks[0]).toMatchObject({
      rule: 'TRADING_HALTED',
      reason: 'Trading is halted (account): guard: equity near the floor',
      details: { halt_id: r.body.id, scope: 'account', account_id: id },
    });
    expect((await w.open('apex-fl-2', 'ah-2')).result.outcome).toBe('ROUTED');
    const [notice] = await w.rows(
      `SELECT account_id, payload FROM notification_outbox WHERE kind = 'halt.set' AND payload->>'halt_id' = $1`,
      [String(r.body.id)],
    );
    expect(notice).toMatchObject({ account_id: id, payload: { account_id: id, account_label: 'apex-fl-1' } });
    expect((await clear(r.body.id)).status).toBe(200);
    expect((await w.open('apex-fl-1', 'ah-3')).result.outcome).toBe('ROUTED');
  });

  it('a halt with expires_at holds until then, and is over after: listed inactive, entries pass', async () => {
    const id = w.ids['apex-fl-2'];
    const expiresAt = new Date(Date.now() + 2500);
    const r = await halt({
      account_id: id,
      reason: 'until the end of the day',
      expires_at: expiresAt.toISOString(),
    });
    expect(r.status).toBe(201);
    expect(r.body.expires_at).toBe(expiresAt.toISOString());
    expect(haltRule(await w.open('apex-fl-2', 'ah-4'))).toBe('TRADING_HALTED');
    const active = await w.t.request('GET', '/api/risk/halts?active_only=true', { token: w.token });
    expect(active.body.items.map((h: Row) => h.id)).toContain(r.body.id);
    await new Promise((done) => setTimeout(done, Math.max(0, expiresAt.getTime() - Date.now()) + 50));
    expect((await w.open('apex-fl-2', 'ah-5')).result.outcome).toBe('ROUTED');
    const after = await w.t.request('GET', '/api/risk/halts?active_only=true', { token: w.token });
    expect(after.body.items.map((h: Row) => h.id)).not.toContain(r.body.id);
    const all = await w.t.request('GET', '/api/risk/halts', { token: w.token });
    expect(all.body.items.find((h: Row) => h.id === r.body.id)).toMatchObject({
      active: false,
      cleared_at: null,
    });
  });

  it('bad bodies are a 400 naming every problem; none is a 5xx', async () => {
    const malformed = await halt({ account_id: 'twelve', expires_at: 'tomorrow', reason: '' });
    expect(malformed.status).toBe(400);
    for (const field of ['account_id', 'expires_at', 'reason'])
      expect(malformed.body.details).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    const unknown = await halt({ account_id: 999_999, expires_at: '2020-01-01T00:00:00Z', reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      'account_id: no trading account 999999',
      expect.stringMatching(/^expires_at: must be in the future/),
    ]);
    const mismatch = await halt({ account_id: w.ids['apex-fl-1'], firm_code: 'TOPSTEP', reason: 'x' });
    expect([mismatch.status, mismatch.body.details]).toEqual([
      400,
      [`firm_code: account ${w.ids['apex-fl-1']} belongs to APEX, not TOPSTEP`],
    ]);
    for (const account_id of [0, -1, 2 ** 31, 1.5, null, [1]])
      expect((await halt({ account_id, reason: 'x' })).status).toBe(400);
  });
});
