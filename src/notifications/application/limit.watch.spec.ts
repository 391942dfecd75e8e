import Decimal from 'decimal.js';
import type { AccountRoomReport } from '../../risk/application/ports/account-rooms.port';
import { AccountRooms } from '../../risk/application/ports/account-rooms.port';
import { Clock } from '../../platform/time/clock';
import { LimitWatch } from './limit.watch';
import type { NotifySettings } from './notify-settings';
import { NewEvent, Outbox } from './ports/outbox.port';

class FakeRooms extends AccountRooms {
  rooms: AccountRoomReport[] = [];
  list() {
    return Promise.resolve(this.rooms);
  }
  room(id: number) {
    return Promise.resolve(this.rooms.find((r) => r.accountId === id) ?? null);
  }
}

/** Keeps events by their dedupe key, as the outbox's unique key does. */
class FakeOutbox {
  readonly events = new Map<string, NewEvent>();
  add(e: NewEvent) {
    if (this.events.has(e.dedupeKey!)) return Promise.resolve(false);
    this.events.set(e.dedupeKey!, e);
    return Promise.resolve(true);
  }
}

class FakeClock extends Clock {
  t = new Date('2026-12-02T15:00:00Z');
  now() {
    return this.t;
  }
}

const room = (dailyLeft: string, day = '2026-12-02'): AccountRoomReport => ({
  accountId: 7,
  label: 'apex-50k-1',
  firmCode: 'APEX',
  tradingDay: day,
  tradingDayEndsAt: new Date(`${day}T22:00:00Z`),
  synced: true,
  equity: new Decimal('49000'),
  dailyLossLimit: new Decimal('1000'),
  dailyLossLeft: new Decimal(dailyLeft),
  drawdownLimit: new Decimal('2500'),
  drawdownLeft: new Decimal('2000'),
});

describe('LimitWatch', () => {
  const settings = { limitThresholdPercent: 80, limitCheckMs: 1000 } as NotifySettings;
  let rooms: FakeRooms;
  let outbox: FakeOutbox;
  let clock: FakeClock;
  let watch: LimitWatch;
  const later = () => (clock.t = new Date(clock.t.getTime() + 1000));

  beforeEach(() => {
    rooms = new FakeRooms();
    outbox = new FakeOutbox();
    clock = new FakeClock();
    watch = new LimitWatch(settings, rooms, outbox as unknown as Outbox, clock);
  });

  it('warns at 80 % of the daily loss used, not one cent before', async () => {
    rooms.rooms = [room('200.01')];
    expect(await watch.check()).toBe(0);
    later();
    rooms.rooms = [room('200.00')];
    expect(await watch.check()).toBe(1);
    expect([...outbox.events.values()][0]).toEqual({
      kind: 'limit.approaching',
      accountId: 7,
      payload: {
        account_label: 'apex-50k-1',
        firm_code: 'APEX',
        limit: 'daily_loss',
        used_percent: '80',
        room_left: '200.00',
        limit_amount: '1000.00',
        trading_day: '2026-12-02',
      },
      dedupeKey: 'limit:7:daily_loss:2026-12-02',
    });
  });

  it('once per account and trading day; again on the next trading day', async () => {
    rooms.rooms = [room('100')];
    expect(await watch.check()).toBe(1);
    later();
    rooms.rooms = [room('50')];
    expect(await watch.check()).toBe(0);
    later();
    rooms.rooms = [room('100', '2026-12-03')];
    expect(await watch.check()).toBe(1);
  });

  it('checks no more often than NOTIFY_LIMIT_CHECK_MS', async () => {
    rooms.rooms = [room('900')];
    await watch.check();
    rooms.rooms = [room('100')];
    expect(await watch.check()).toBe(0);
    later();
    expect(await watch.check()).toBe(1);
  });
});
