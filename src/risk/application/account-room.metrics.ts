import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { Metrics } from '../../platform/metrics/metrics';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { accountRoom } from '../domain/account-room';
import { AccountStateService } from './account-state.service';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import { toProgramLimits } from './program-limits.mapper';

const PAGE = 500;

/**
 * Per trading account, at every scrape: equity, daily loss left and drawdown left — the headroom the gate
 * checks (accountRoom), on the state rolled to today, with the daily limit the gate uses.
 */
@Injectable()
export class AccountRoomMetrics {
  constructor(
    metrics: Metrics,
    private readonly states: AccountStateService,
    private readonly catalog: ProgramCatalog,
    private readonly rules: FirmRiskConfigReader,
    private readonly directory: AccountDirectory,
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
    const out = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.states.list(PAGE, offset);
      for (const state of page.items) {
        if (state.accountId === 0) continue;
        const [account, record] = await Promise.all([
          this.directory.account(state.accountId),
          this.catalog.findProgram(state.programId),
        ]);
        if (!account || !record) continue;
        const program = toProgramLimits(record);
        const limit = this.rules.rulesFor(state.firmCode).maxDailyLoss ?? program.maxDailyLoss;
        const room = accountRoom(program, state, limit);
        out.push({
          label: account.label,
          firm: state.firmCode,
          equity: room.equity.toNumber(),
          dailyLossLeft: room.dailyLossLeft?.toNumber() ?? null,
          drawdownLeft: room.drawdownLeft?.toNumber() ?? null,
        });
      }
      if (page.items.length < PAGE) return out;
    }
  }
}
