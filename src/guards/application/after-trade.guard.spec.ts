import Decimal from 'decimal.js';
import {
  aRoom,
  FakeFlattener,
  FakeRooms,
  InMemoryGuardTrips,
} from '../../../test/guards/support/guard.fakes';
import { envAccount, FakeDirectory, FakeHalts } from '../../../test/routing/support/port-fakes';
import { AfterTradeGuard } from './after-trade.guard';
import type { GuardSettings } from './guard-settings';

const SETTINGS: GuardSettings = {
  enabled: true,
  defaultBuffer: new Decimal('0.1'),
  sweepMs: 1000,
  leaseMs: 30_000,
  retryMs: 5000,
  flatByWatchMs: 5000,
  holderId: 'p1',
};

function setup(holderId = 'p1', shared?: { trips: InMemoryGuardTrips; rooms: FakeRooms }) {
  const rooms = shared?.rooms ?? new FakeRooms();
  const directory = new FakeDirectory();
  directory.accounts = [1, 2].map((id) => envAccount(id, 'APEX', { label: `acct-${id}`, programId: 4 }));
  const trips = shared?.trips ?? new InMemoryGuardTrips();
  const flattener = new FakeFlattener();
  const halts = new FakeHalts();
  const guard = new AfterTradeGuard({ ...SETTINGS, holderId }, rooms, directory, trips, flattener, halts);
  return { guard, rooms, directory, trips, flattener, halts };
}

describe('AfterTradeGuard', () => {
  it('halts until the day ends, then flattens, an account within 10 % of its daily loss limit; the sibling untouched', async () => {
    const { guard, rooms, trips, flattener, halts } = setup();
    rooms.rooms = [aRoom(1, '99.99'), aRoom(2, '100.01')];
    expect(await guard.checkAccount(1)).toBe(true);
    expect(await guard.checkAccount(2)).toBe(false);
    expect(halts.halted).toEqual([
      expect.objectContaining({
        accountId: 1,
        accountLabel: 'acct-1',
        firmCode: 'APEX',
        by: 'guard',
        expiresAt: new Date('2026-12-02T22:00:00Z'),
      }),
    ]);
    expect(halts.halted[0].reason).toContain('$99.99 left before the daily loss limit of $1000.00');
    expect(flattener.requests).toEqual([
      expect.objectContaining({ accountId: 1, cause: 'guard', requestedBy: 'guard' }),
    ]);
    expect(trips.rows).toEqual([
      expect.objectContaining({
        accountId: 1,
        rule: 'daily_loss',
        haltId: 1,
        flattenStatus: 'FLAT',
        completed: true,
        haltUntil: new Date('2026-12-02T22:00:00Z'),
      }),
    ]);
  });

  it('acts once per breach: later checks, and a second process, add nothing', async () => {
    const one = setup('p1');
    const two = setup('p2', { trips: one.trips, rooms: one.rooms });
    one.rooms.rooms = [aRoom(1, '50')];
    await one.guard.checkAccount(1);
    await one.guard.checkAccount(1);
    await two.guard.checkAccount(1);
    expect(await two.guard.resumeDue()).toBe(0);
    expect([...one.halts.halted, ...two.halts.halted]).toHaveLength(1);
    expect([...one.flattener.requests, ...two.flattener.requests]).toHaveLength(1);
  });

  it('the floor: halted until an operator clears it (no expiry)', async () => {
    const { guard, rooms, trips, halts } = setup();
    rooms.rooms = [aRoom(1, '900', '250')];
    await guard.checkAccount(1);
    expect(trips.rows[0]).toMatchObject({ rule: 'drawdown', haltUntil: null });
    expect(halts.halted[0].expiresAt).toBeNull();
    expect(halts.halted[0].reason).toContain('halted until an operator clears it');
  });

  it("uses the account's own buffer over the default", async () => {
    const { guard, rooms, directory, flattener } = setup();
    directory.accounts[0].guardBuffer = '0.25';
    rooms.rooms = [aRoom(1, '249.99')];
    expect(await guard.checkAccount(1)).toBe(true);
    directory.accounts[1].guardBuffer = '0';
    rooms.rooms = [aRoom(2, '0.01')];
    expect(await guard.checkAccount(2)).toBe(false);
    expect(flattener.requests).toHaveLength(1);
  });

  it('leaves a typed-in (not synced) state alone', async () => {
    const { guard, rooms, halts } = setup();
    rooms.rooms = [{ ...aRoom(1, '0'), synced: false }];
    expect(await guard.checkAccount(1)).toBe(false);
    expect(halts.halted).toHaveLength(0);
  });

  it('a failed flatten is tried again when due, without a second halt', async () => {
    const { guard, rooms, trips, flattener, halts } = setup();
    rooms.rooms = [aRoom(1, '10')];
    flattener.failing = true;
    await guard.checkAccount(1);
    expect(trips.rows[0]).toMatchObject({
      completed: false,
      haltId: 1,
      lastError: 'flatten: platform unreachable',
    });
    expect(await guard.resumeDue()).toBe(0); // not due yet
    trips.now += 5000;
    flattener.failing = false;
    expect(await guard.resumeDue()).toBe(1);
    expect(trips.rows[0]).toMatchObject({ completed: true, flattenStatus: 'FLAT' });
    expect(halts.halted).toHaveLength(1);
    expect(flattener.requests).toHaveLength(2);
  });

  it('a halt that cannot be stored is retried before anything is flattened', async () => {
    const { guard, rooms, trips, flattener, halts } = setup();
    rooms.rooms = [aRoom(1, '10')];
    halts.broken = true;
    await guard.checkAccount(1);
    expect(flattener.requests).toHaveLength(0);
    expect(trips.rows[0]).toMatchObject({
      completed: false,
      haltId: null,
      lastError: 'database unreachable',
    });
    halts.broken = false;
    trips.now += 5000;
    await guard.resumeDue();
    expect(trips.rows[0]).toMatchObject({ completed: true, haltId: 1 });
  });

  it('a process that died mid-way leaves the trip to another once its lease runs out', async () => {
    const one = setup('p1');
    one.rooms.rooms = [aRoom(1, '10')];
    await one.trips.claim(
      {
        accountId: 1,
        rule: 'daily_loss',
        tradingDay: '2026-12-02',
        equity: new Decimal(49_000),
        limit: new Decimal(1000),
        roomLeft: new Decimal(10),
        buffer: new Decimal(100),
        reason: 'guard: …',
        haltUntil: null,
      },
      'dead',
      30_000,
    );
    const two = setup('p2', { trips: one.trips, rooms: one.rooms });
    expect(await two.guard.checkAccount(1)).toBe(false);
    expect(await two.guard.resumeDue()).toBe(0);
    one.trips.now += 30_001;
    expect(await two.guard.resumeDue()).toBe(1);
    expect(two.halts.halted).toHaveLength(1);
    expect(one.trips.rows[0]).toMatchObject({ completed: true });
  });
});
