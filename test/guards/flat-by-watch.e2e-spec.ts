import { FlatByWatchService } from '../../src/guards/application/flat-by-watch.service';
import { FlatByRuns } from '../../src/guards/application/ports/flat-by-runs.port';
import type { FlattenOutcome } from '../../src/routing/application/ports/account-flattener.port';
import { Clock } from '../../src/platform/time/clock';
import { FakeClock } from '../risk/support/risk.fakes';
import { waitFor } from '../routing/support/wait';
import { FlattenWorld, held, startFlattenWorld } from './support/flatten-world';

const APEX_FLAT_BY = {
  time: '16:59',
  time_zone: 'America/New_York',
  early_close: 'exchange_close',
  source: 'reference/firm-rules.md',
  as_of: '2026',
};

/**
 * Flat-by (issue 16) end to end: the built app on Postgres and the Tradovate/ProjectX fakes, its clock
 * injected. APEX states 16:59 New York in the registry; at that time the watch (its own interval, nothing
 * called by the test) flattens every APEX account once, the gate refuses APEX entries until the 17:00 reset,
 * and accepts them after. TOPSTEP states no flat-by: untouched.
 */
/** The watch's interval here (FLAT_BY_WATCH_MS; 5 s by default): short, so the test waits rounds, not seconds. */
const WATCH_MS = 200;

describe('flat-by watch (e2e)', () => {
  let w: FlattenWorld;
  const clock = new FakeClock(new Date('2026-11-02T21:00:00Z')); // Mon 16:00 EST (DST ended 2026-11-01)

  beforeAll(async () => {
    w = await startFlattenWorld('guards_flat_by', { FLAT_BY_WATCH_MS: String(WATCH_MS) }, (b) =>
      b.overrideProvider(Clock).useValue(clock),
    );
    const r = await w.t.request('POST', '/api/prop-registry/import', {
      token: w.token,
      body: [{ code: 'APEX', name: 'Apex Trader Funding', meta: { flat_by: APEX_FLAT_BY } }],
    });
    expect(r.status).toBe(200);
  });
  afterAll(() => w?.close());

  it('flattens the open positions at the flat-by, once; refuses entries until the reopen, accepts them after', async () => {
    const apex = w.ids['apex-fl-1'];
    expect((await w.open('apex-fl-1', 'fb-1')).result.outcome).toBe('ROUTED');
    expect((await w.open('topstep-fl-1', 'fb-ts-1')).result.outcome).toBe('ROUTED');
    expect(Object.values(held(await w.snapshot(apex)))).toEqual([1]);
    // disabled for new signals, it still holds the position: the firm's flat-by applies to it all the same
    const disable = (enabled: boolean) =>
      w.t.request('PATCH', `/api/accounts/${apex}`, { token: w.token, body: { enabled } });
    expect((await disable(false)).status).toBe(200);

    clock.set('2026-11-02T21:58:59Z'); // 16:58:59 EST: a second before, nothing happens
    const rounds = jest.spyOn(w.t.app.get(FlatByWatchService), 'check');
    await waitFor('three rounds of the watch at 16:58:59', async () => rounds.mock.results.length >= 3);
    await Promise.all(rounds.mock.results.map((r) => r.value));
    expect(await w.rows('SELECT * FROM flat_by_runs')).toEqual([]);
    rounds.mockRestore();

    clock.set('2026-11-02T21:59:00Z'); // 16:59 EST
    const runs = await waitFor('the flat-by runs of both APEX accounts to finish', async () => {
      const rows = await w.rows(
        `SELECT a.label, r.trading_day::text AS day, r.status, r.attempts, f.cause
           FROM flat_by_runs r JOIN trading_accounts a ON a.id = r.account_id
           LEFT JOIN account_flattens f ON f.id = r.flatten_id ORDER BY a.label`,
      );
      return rows.length === 2 && rows.every((r) => r.status !== 'RUNNING') ? rows : null;
    });
    expect(runs).toEqual([
      { label: 'apex-fl-1', day: '2026-11-02', status: 'FLAT', attempts: 1, cause: 'flat_by' },
      { label: 'apex-fl-2', day: '2026-11-02', status: 'ALREADY_FLAT', attempts: 1, cause: 'flat_by' },
    ]);
    const after = await w.snapshot(apex);
    expect(held(after)).toEqual({});
    expect(after.workingOrders).toEqual([]);
    expect(Object.values(held(await w.snapshot(w.ids['topstep-fl-1'])))).toEqual([1]);
    expect((await disable(true)).status).toBe(200);

    // another round (another process, a restart) finds every account done for the day
    expect(await w.t.app.get(FlatByWatchService).check()).toEqual([]);
    expect(await w.rows(`SELECT id FROM account_flattens WHERE cause = 'flat_by'`)).toHaveLength(2);

    const refused = await w.open('apex-fl-1', 'fb-2');
    expect(refused.result.outcome).toBe('REJECTED');
    expect(refused.result.risk_checks).toEqual([
      expect.objectContaining({
        status: 'REJECTED',
        rule: 'FLAT_BY',
        reason:
          "Past the firm's flat-by time 16:59 America/New_York; entries reopen at 2026-11-02T17:00:00-05:00",
      }),
    ]);

    clock.set('2026-11-02T22:00:00Z'); // 17:00 EST: the next trading day's session
    // the clock jumped a minute: the gate wants the platform's state confirmed since (SYNC_STALE_MS)
    await waitFor('a sync at 17:00', async () => {
      const [s] = await w.rows('SELECT confirmed_at FROM account_states WHERE account_id = $1', [apex]);
      return s && s.confirmed_at >= new Date('2026-11-02T22:00:00Z');
    });
    expect((await w.open('apex-fl-1', 'fb-3')).result.outcome).toBe('ROUTED');
    expect(Object.values(held(await w.snapshot(apex)))).toEqual([1]);
  });

  it('a day is claimed by one process only; a failure is retried after 30 s, five times at most', async () => {
    const runs = w.t.app.get(FlatByRuns);
    const accountId = w.ids['apex-fl-2'];
    const at = (iso: string) => ({
      accountId,
      firmCode: 'APEX',
      tradingDay: '2026-11-10',
      flatByAt: new Date('2026-11-10T21:59:00Z'),
      now: new Date(iso),
    });
    const failed: FlattenOutcome = {
      accountId,
      status: 'FAILED',
      closed: [],
      cancelledOrders: 0,
      error: 'platform down',
      flattenId: null,
    };
    const claims = await Promise.all(Array.from({ length: 5 }, () => runs.claim(at('2026-11-10T21:59:00Z'))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await runs.claim(at('2026-11-10T22:00:59Z'))).toBe(false); // RUNNING, not yet abandoned
    expect(await runs.claim(at('2026-11-10T22:01:00Z'))).toBe(true); // abandoned for 2 minutes: taken over
    let now = Date.parse('2026-11-10T22:01:00Z');
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      await runs.finish(accountId, '2026-11-10', failed, new Date(now));
      const tooSoon = new Date(now + 29_999).toISOString();
      expect(await runs.claim(at(tooSoon))).toBe(false);
      now += 30_000;
      expect([attempt, await runs.claim(at(new Date(now).toISOString()))]).toEqual([attempt, attempt < 5]);
    }
    const [row] = await w.rows(
      `SELECT status, attempts, error FROM flat_by_runs WHERE trading_day = '2026-11-10'`,
    );
    expect(row).toEqual({ status: 'FAILED', attempts: 5, error: 'platform down' });
  });

  it('refuses a firm write whose flat_by is malformed, naming every problem', async () => {
    const r = await w.t.request('PATCH', `/api/prop-registry/firms/2`, {
      token: w.token,
      body: { meta: { flat_by: { time: '4:59', time_zone: 'ET', early_close: 'maybe' } } },
    });
    expect(r.status).toBe(400);
    const said = JSON.stringify(r.body);
    for (const problem of [
      'meta.flat_by.time: must be HH:MM (24-hour)',
      'meta.flat_by.time_zone: must be an IANA time zone, e.g. America/Chicago',
      'meta.flat_by.early_close: must be one of exchange_close, none',
      'meta.flat_by.source: is required',
      'meta.flat_by.as_of: is required',
    ])
      expect(said).toContain(problem);
  });
});
