import { Clock } from '../../src/platform/time/clock';
import { RiskCheckRequest, RiskGate } from '../../src/risk/application/ports/risk-gate.port';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from './support/risk.fakes';

const entry = (firmCode: string, programIds: number[]): RiskCheckRequest => ({
  firmCode,
  programIds,
  eventType: 'entry',
  symbol: 'NQ1!',
  side: 'buy',
  quantity: 1,
  entryPrice: 21500,
  stopLoss: 21490,
  riskPercent: null,
});
const exit = (firmCode: string, programIds: number[]): RiskCheckRequest => ({
  ...entry(firmCode, programIds),
  eventType: 'exit',
  side: 'sell',
});

describe('trading halts API (e2e)', () => {
  const clock = new FakeClock(new Date('2026-03-09T16:00:00Z'));
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let gate: RiskGate;
  const statuses = async (requests: RiskCheckRequest[]) =>
    (await gate.check(requests)).map((r) => `${r.firm_code}:${r.status}:${r.rule ?? '-'}`);

  beforeAll(async () => {
    t = await startTestApp({
      label: 'risk_halts',
      env: { APEX_ENABLED: 'true', FTMO_ENABLED: 'true' },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    admin = await t.login();
    await t.request('POST', '/api/auth/users', {
      token: admin,
      body: { username: 'vic', password: 'viewer-pass-1', role: 'viewer' },
    });
    viewer = await t.login('vic', 'viewer-pass-1');
    gate = t.app.get(RiskGate);
  });
  afterAll(() => t?.close());

  it('requires authentication and the admin role, reads included', async () => {
    expect((await t.request('GET', '/api/risk/halts')).status).toBe(401);
    expect((await t.request('POST', '/api/risk/halts', { body: { reason: 'x' } })).status).toBe(401);
    expect((await t.request('GET', '/api/risk/halts', { token: viewer })).status).toBe(403);
    expect(
      (await t.request('POST', '/api/risk/halts', { token: viewer, body: { reason: 'x' } })).status,
    ).toBe(403);
    expect((await t.request('DELETE', '/api/risk/halts/1', { token: viewer })).status).toBe(403);
  });

  it('validates the body and the firm', async () => {
    const bad = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { firm_code: 'no such!', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining(['firm_code', 'reason', 'extra'].map((f) => expect.stringContaining(f))),
    );
    const unknown = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { firm_code: 'NOPE', reason: 'x' },
    });
    expect([unknown.status, unknown.body.details]).toEqual([
      400,
      ['firm_code: no firm "NOPE" in the registry'],
    ]);
  });

  it('a firm halt stops that firm’s entries at the next check, lets exits and other firms through', async () => {
    expect(await statuses([entry('APEX', [4])])).toEqual(['APEX:APPROVED:-']);
    const created = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { firm_code: 'apex', reason: ' FOMC at 14:00 ' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      firm_code: 'APEX',
      account_id: null,
      expires_at: null,
      scope: 'firm',
      reason: 'FOMC at 14:00',
      active: true,
      created_by: 'admin',
      created_at: '2026-03-09T16:00:00.000Z',
      cleared_by: null,
      cleared_at: null,
      flattens: null,
    });
    expect(await statuses([entry('APEX', [4]), exit('APEX', [4]), entry('FTMO', [1])])).toEqual([
      'APEX:REJECTED:TRADING_HALTED',
      'APEX:APPROVED:-',
      'FTMO:APPROVED:-',
    ]);
  });

  it('a global halt stops every firm’s entries; clearing it takes effect at once and records who and when', async () => {
    const global = await t.request('POST', '/api/risk/halts', {
      token: admin,
      body: { reason: 'kill switch' },
    });
    expect(global.body).toMatchObject({ firm_code: null, scope: 'global', active: true });
    expect(await statuses([entry('FTMO', [1]), exit('FTMO', [1])])).toEqual([
      'FTMO:REJECTED:TRADING_HALTED',
      'FTMO:APPROVED:-',
    ]);

    clock.set('2026-03-09T16:05:00Z');
    const cleared = await t.request('DELETE', `/api/risk/halts/${global.body.id}`, { token: admin });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      active: false,
      cleared_by: 'admin',
      cleared_at: '2026-03-09T16:05:00.000Z',
    });
    expect(await statuses([entry('FTMO', [1]), entry('APEX', [4])])).toEqual([
      'FTMO:APPROVED:-',
      'APEX:REJECTED:TRADING_HALTED',
    ]);

    expect((await t.request('DELETE', `/api/risk/halts/${global.body.id}`, { token: admin })).status).toBe(
      409,
    );
    expect((await t.request('DELETE', '/api/risk/halts/99999', { token: admin })).status).toBe(404);
  });

  it('lists halts newest first, with an active-only filter and paging', async () => {
    const all = await t.request('GET', '/api/risk/halts', { token: admin });
    expect(all.status).toBe(200);
    expect([
      all.body.total,
      all.body.items.map((h: { scope: string; active: boolean }) => `${h.scope}:${h.active}`),
    ]).toEqual([2, ['global:false', 'firm:true']]);
    const active = await t.request('GET', '/api/risk/halts?active_only=true', { token: admin });
    expect([active.body.total, active.body.items[0].firm_code]).toEqual([1, 'APEX']);
    const page = await t.request('GET', '/api/risk/halts?limit=1&offset=1', { token: admin });
    expect([page.body.total, page.body.items.length, page.body.items[0].scope]).toEqual([2, 1, 'firm']);
    expect((await t.request('GET', '/api/risk/halts?active_only=maybe', { token: admin })).status).toBe(400);
  });
});
