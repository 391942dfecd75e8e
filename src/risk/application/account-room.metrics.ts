import { Injectable } from '@nestjs/common';
import { Metrics } from '../../platform/metrics/metrics';
import { AccountRooms } from './ports/account-rooms.port';

/**
 * Per trading account, at every scrape: equity, daily loss left and drawdown left — the headroom the gate
 * checks (accountRoom), on the state rolled to today, with the daily limit the gate uses.
 */
@Injectable()
export class AccountRoomMetrics {
  constructor(
    metrics: Metrics,
    private readonly accountRooms: AccountRooms,
  ) {
    metrics.onCollect(async () => {
      metrics.accountEquity.reset();
      metrics.accountDailyLossLeft.reset();
      metrics.accountDrawdownLeft.reset();
      for (const room of await this.rooms()) {
        const labels = { account: room.label, firm: room.firm };
        metrics.accountEquity.set(labels, room.equity);
        if (room.dailyLossLeft !== null) metrics.accountDailyLossLeft.set(labels, room.dailyLossLeft);
        if (room.drawdownLeft !== null) metrics.accountDrawdownLeft.set(labels, room.drawdownLeft);
      }
    });
  }

  /** Every trading account's room, as numbers (gauges are floats: exact values are in the API). */
  private async rooms(): Promise<
    {
      label: string;
      firm: string;
      equity: number;
      dailyLossLeft: number | null;
      drawdownLeft: number | null;
    }[]
  > {
    return (await this.accountRooms.list()).map((room) => ({
      label: room.label,
      firm: room.firmCode,
      equity: room.equity.toNumber(),
      dailyLossLeft: room.dailyLossLeft?.toNumber() ?? null,
      drawdownLeft: room.drawdownLeft?.toNumber() ?? null,
    }));
  }
}
