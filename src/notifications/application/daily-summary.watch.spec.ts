import Decimal from 'decimal.js';
import { aRoom, FakeRooms } from '../../../test/guards/support/guard.fakes';
import { DailySummaryWatch } from './daily-summary.watch';
import { ClosedDay, ClosedDays } from './ports/closed-days.port';
import type { NewEvent } from './ports/outbox.port';
import { Outbox } from './ports/outbox.port';

class FakeDays extends ClosedDays {
  rows: (ClosedDay & { queued: boolean })[] = [];
  due() {
    return Promise.resolve(this.rows.filter((r) => !r.queued));
  }
  queued(accountId: number, day: string) {
    for (const r of this.rows) if (r.accountId === accountId && r.tradingDay === day) r.queued = true;
    return Promise.resolve();
  }
}

/** Keeps events by their dedupe key, as the outbox's unique key does. */
class KeyedOutbox {
  readonly events = new Map<string, NewEvent>();
  add(e: NewEvent) {
    if (this.events.has(e.dedupeKey!)) return Promise.resolve(false);
    this.events.set(e.dedupeKey!, e);
    return Promise.resolve(true);
  }
}

const day = (accountId: number, over: Partial<ClosedDay> = {}): ClosedDay & { queued: boolean } => ({
  accountId,
  tradingDay: '2026-12-02',
  startBalance: '50000',
  balance: '49800',
  openPnl: '-50.25',
  realizedPnl: '-200',
  orders: 3,
  failed: 1,
  rejections: 2,
  queued: false,
  ...over,
});

describe('DailySummaryWatch', () => {
  it('one daily.summary per closed day, with the room the gate measures, once', async () => {
    const days = new FakeDays();
    const rooms = new FakeRooms();
    const outbox = new KeyedOutbox();
    rooms.rooms = [{ ...aRoom(1, '1000'), drawdownLeft: new Decimal('2249.75') }];
    days.rows = [day(1), day(2)];
    const watch = new DailySummaryWatch(days, rooms, outbox as unknown as Outbox);
    expect(await watch.check()).toBe(2);
    expect(outbox.events.get('summary:1:2026-12-02')).toEqual({
      kind: 'daily.summary',
      accountId: 1,
      dedupeKey: 'summary:1:2026-12-02',
      payload: {
        account_label: 'acct-1',
        firm_code: 'APEX',
        trading_day: '2026-12-02',
        pnl: '-250.25',
        realized_pnl: '-200.00',
        balance: '49800.00',
        orders: 3,
        failed: 1,
        rejections: 2,
        drawdown_left: '2249.75',
        daily_loss_left: '1000.00',
      },
    });
    expect(outbox.events.get('summary:2:2026-12-02')?.payload).toMatchObject({
      account_label: 'account 2',
      drawdown_left: null,
    });
    expect(await watch.check()).toBe(0);
    // a day recorded again (a crash before it was marked) is refused by its key and marked
    days.rows[0].queued = false;
    expect(await watch.check()).toBe(0);
    expect(days.rows.every((r) => r.queued)).toBe(true);
    expect(outbox.events.size).toBe(2);
  });
});
