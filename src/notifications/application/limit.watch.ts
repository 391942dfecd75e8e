import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AccountRoomReport, AccountRooms } from '../../risk/application/ports/account-rooms.port';
import { Clock } from '../../platform/time/clock';
import { limitAlertKey, limitApproaching, LimitUse } from '../domain/limit-approaching';
import { NOTIFY_SETTINGS, type NotifySettings } from './notify-settings';
import { NewEvent, Outbox } from './ports/outbox.port';

/** The used part of each limit an account has: the limit minus the room the gate measures. */
function usesOf(room: AccountRoomReport): LimitUse[] {
  const uses: LimitUse[] = [];
  if (room.dailyLossLimit !== null && room.dailyLossLeft !== null)
    uses.push({
      kind: 'daily_loss',
      limit: room.dailyLossLimit,
      used: room.dailyLossLimit.minus(room.dailyLossLeft),
    });
  if (room.drawdownLimit !== null && room.drawdownLeft !== null)
    uses.push({
      kind: 'drawdown',
      limit: room.drawdownLimit,
      used: room.drawdownLimit.minus(room.drawdownLeft),
    });
  return uses;
}

/**
 * Limit approaching: every NOTIFY_LIMIT_CHECK_MS, each account whose daily loss or drawdown used reaches
 * NOTIFY_LIMIT_THRESHOLD_PERCENT gets one `limit.approaching` per limit and trading day (the outbox key says
 * so: later checks, and other processes, add nothing).
 */
@Injectable()
export class LimitWatch {
  private lastCheck = 0;

  constructor(
    @Inject(NOTIFY_SETTINGS) private readonly settings: NotifySettings,
    private readonly rooms: AccountRooms,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Checks when a check is due; returns the warnings added. */
  async check(): Promise<number> {
    const now = this.clock.now().getTime();
    if (this.settings.limitThresholdPercent <= 0 || now - this.lastCheck < this.settings.limitCheckMs)
      return 0;
    this.lastCheck = now;
    const threshold = new Decimal(this.settings.limitThresholdPercent);
    let added = 0;
    for (const room of await this.rooms.list())
      for (const use of usesOf(room)) {
        const warning = limitApproaching(use, threshold);
        if (warning && (await this.outbox.add(this.event(room, use, warning)))) added += 1;
      }
    return added;
  }

  private event(
    room: AccountRoomReport,
    use: LimitUse,
    w: { usedPercent: Decimal; roomLeft: Decimal },
  ): NewEvent {
    return {
      kind: 'limit.approaching',
      accountId: room.accountId,
      payload: {
        account_label: room.label,
        firm_code: room.firmCode,
        limit: use.kind,
        used_percent: w.usedPercent.toString(),
        room_left: w.roomLeft.toFixed(2),
        limit_amount: use.limit.toFixed(2),
        trading_day: room.tradingDay,
      },
      dedupeKey: limitAlertKey(room.accountId, use.kind, room.tradingDay),
    };
  }
}
