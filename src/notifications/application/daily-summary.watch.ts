import { Injectable } from '@nestjs/common';
import { AccountRooms } from '../../risk/application/ports/account-rooms.port';
import { dayPnl, summaryKey } from '../domain/daily-summary';
import { ClosedDay, ClosedDays } from './ports/closed-days.port';
import { NewEvent, Outbox } from './ports/outbox.port';

const BATCH = 50;

/**
 * The daily summary: each closed day recorded at the account's roll to the next trading day becomes one
 * `daily.summary`, with the room left as the risk gate measures it now (AccountRooms). The outbox key makes
 * it once per account and day: a crash between queuing and marking only re-tries a refused duplicate.
 */
@Injectable()
export class DailySummaryWatch {
  constructor(
    private readonly days: ClosedDays,
    private readonly rooms: AccountRooms,
    private readonly outbox: Outbox,
  ) {}

  /** Queues the summaries of the days closed since the last check; returns how many were added. */
  async check(): Promise<number> {
    let added = 0;
    for (const day of await this.days.due(BATCH)) {
      if (await this.outbox.add(await this.event(day))) added += 1;
      await this.days.queued(day.accountId, day.tradingDay);
    }
    return added;
  }

  private async event(day: ClosedDay): Promise<NewEvent> {
    const room = await this.rooms.room(day.accountId);
    const { pnl, realized, balance } = dayPnl(day);
    return {
      kind: 'daily.summary',
      accountId: day.accountId,
      payload: {
        account_label: room?.label ?? `account ${day.accountId}`,
        firm_code: room?.firmCode ?? null,
        trading_day: day.tradingDay,
        pnl,
        realized_pnl: realized,
        balance,
        orders: day.orders,
        failed: day.failed,
        rejections: day.rejections,
        drawdown_left: room?.drawdownLeft?.toFixed(2) ?? null,
        daily_loss_left: room?.dailyLossLeft?.toFixed(2) ?? null,
      },
      dedupeKey: summaryKey(day.accountId, day.tradingDay),
    };
  }
}
