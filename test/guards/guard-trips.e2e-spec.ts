import Decimal from 'decimal.js';
import { GuardTrips, NewGuardTrip } from '../../src/guards/application/ports/guard-trips.port';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

/**
 * `guard_trips` on Postgres: a breach is claimed by one holder only, a finished one never again, a failed
 * step comes due after its retry time, and a holder that died leaves it to another once its lease ran out.
 */
describe('guard trips (e2e, Postgres)', () => {
  let t: TestApp;
  let trips: GuardTrips;
  let accountId: number;
  const trip = (over: Partial<NewGuardTrip> = {}): NewGuardTrip => ({
    accountId,
    rule: 'daily_loss',
    tradingDay: '2026-12-02',
    equity: new Decimal('49500.25'),
    limit: new Decimal(1000),
    roomLeft: new Decimal('99.99'),
    buffer: new Decimal(100),
    reason: 'guard: test',
    haltUntil: new Date('2026-12-02T22:00:00Z'),
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({ label: 'guard_trips', env: { GUARD_ENABLED: 'false' } });
    const token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: { name: 'px', platform: 'projectx', credentials: { username: 'u', api_key: 'k' } },
    });
    const acct = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'ts-1',
        firm_code: 'TOPSTEP',
        program_id: 7,
        connection_id: conn.body.id,
        platform_account: '1',
      },
    });
    expect(acct.status).toBe(201);
    accountId = acct.body.id;
    trips = t.app.get(GuardTrips);
  });
  afterAll(() => t?.close());

  const lapse = (ms: number) =>
    withClient(t.db.url, (c) =>
      c.query(`UPDATE guard_trips SET claimed_until = claimed_until - $1 * interval '1 millisecond'`, [ms]),
    );

  it('one holder per breach; exact amounts kept; finished means never again', async () => {
    const first = await trips.claim(trip(), 'p1', 30_000);
    expect(first).toMatchObject({ accountId, rule: 'daily_loss', tradingDay: '2026-12-02', haltId: null });
    expect(first!.roomLeft.toString()).toBe('99.99');
    expect(first!.equity.toString()).toBe('49500.25');
    expect(await trips.claim(trip(), 'p2', 30_000)).toBeNull();
    expect(await trips.claimDue('p2', 30_000, 10)).toEqual([]);
    await trips.halted(first!.id, 'p1', 17);
    await trips.halted(first!.id, 'p2', 99); // not its holder: ignored
    await trips.completed(first!.id, 'p1', 'FLAT', null);
    await lapse(60_000);
    expect(await trips.claim(trip(), 'p2', 30_000)).toBeNull();
    expect(await trips.claimDue('p2', 30_000, 10)).toEqual([]);
    // the same limit on another day, or the other limit, is another breach
    expect(await trips.claim(trip({ tradingDay: '2026-12-03' }), 'p2', 30_000)).not.toBeNull();
    expect(await trips.claim(trip({ rule: 'drawdown', haltUntil: null }), 'p2', 30_000)).not.toBeNull();
    const [row] = await withClient(
      t.db.url,
      async (c) => (await c.query('SELECT * FROM guard_trips WHERE id = $1', [first!.id])).rows,
    );
    expect(row).toMatchObject({ halt_id: 17, flatten_status: 'FLAT', claimed_by: 'p1' });
  });

  it('a failed step comes due after its retry time; a dead holder’s trip after its lease', async () => {
    const day = '2026-12-04';
    const mine = await trips.claim(trip({ tradingDay: day }), 'p1', 30_000);
    await trips.halted(mine!.id, 'p1', 5);
    await trips.failed(mine!.id, 'p1', 'flatten: platform unreachable', 5000);
    expect(await trips.claimDue('p2', 30_000, 10)).toEqual([]);
    await lapse(5001);
    const [again] = await trips.claimDue('p2', 30_000, 10);
    expect(again).toMatchObject({ id: mine!.id, haltId: 5, flattenStatus: null });
    // p2 dies holding it: another takes it once the lease is out, and nobody before
    expect(await trips.claimDue('p3', 30_000, 10)).toEqual([]);
    await lapse(30_001);
    expect((await trips.claimDue('p3', 30_000, 10)).map((x) => x.id)).toContain(mine!.id);
  });
});
