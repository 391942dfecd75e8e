import { Inject, Injectable } from '@nestjs/common';
import type Decimal from 'decimal.js';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { accountRoom } from '../domain/account-room';
import type { AccountState } from '../domain/account-state';
import type { ProgramLimits } from '../domain/program-limits';
import { dailyLimitAmount, dailyLimitOf } from '../domain/rules/daily-loss.rule';
import { TradingDayPolicy, tradingDayEnd } from '../domain/trading-day';
import { AccountStateService } from './account-state.service';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import { firmPolicy } from './firm-trading-day';
import { AccountRoomReport, AccountRooms } from './ports/account-rooms.port';
import { toProgramLimits } from './program-limits.mapper';
import { TRADING_DAY_POLICY } from './trading-day-policy.token';

const PAGE = 500;

/**
 * Per trading account: equity, daily loss left and drawdown left — the headroom the gate checks
 * (accountRoom), on the state rolled to today, with the daily limit the gate uses.
 */
@Injectable()
export class AccountRoomsService extends AccountRooms {
  constructor(
    private readonly states: AccountStateService,
    private readonly catalog: ProgramCatalog,
    private readonly rules: FirmRiskConfigReader,
    private readonly directory: AccountDirectory,
    @Inject(TRADING_DAY_POLICY) private readonly policy: TradingDayPolicy,
  ) {
    super();
  }

  async list(): Promise<AccountRoomReport[]> {
    const out: AccountRoomReport[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.states.list(PAGE, offset);
      for (const state of page.items) {
        if (state.accountId === 0) continue;
        const report = await this.report(state);
        if (report) out.push(report);
      }
      if (page.items.length < PAGE) return out;
    }
  }

  async room(accountId: number): Promise<AccountRoomReport | null> {
    return (await this.measured(accountId))?.report ?? null;
  }

  /** The report with the state it measured and the drawdown floor (the dashboard's account card). */
  async measured(accountId: number): Promise<MeasuredRoom | null> {
    const account = await this.directory.account(accountId);
    if (!account || account.programId === null) return null;
    const state = await this.states.get(account.firmCode, account.programId, accountId);
    return this.measure(state);
  }

  private async report(state: AccountState): Promise<AccountRoomReport | null> {
    return (await this.measure(state))?.report ?? null;
  }

  private async measure(state: AccountState): Promise<MeasuredRoom | null> {
    const [account, record] = await Promise.all([
      this.directory.account(state.accountId),
      this.catalog.findProgram(state.programId),
    ]);
    if (!account || !record) return null;
    const program = toProgramLimits(record);
    const limit = dailyLimitOf(this.rules.rulesFor(state.firmCode).maxDailyLoss, program);
    const room = accountRoom(program, state, limit);
    const policy = await firmPolicy(this.catalog, state.firmCode, this.policy);
    const report = {
      accountId: state.accountId,
      label: account.label,
      firmCode: state.firmCode,
      tradingDay: state.tradingDay,
      tradingDayEndsAt: tradingDayEnd(state.tradingDay, policy),
      synced: state.source === 'platform',
      equity: room.equity,
      dailyLossLimit: limit === null ? null : dailyLimitAmount(limit, state),
      dailyLossLeft: room.dailyLossLeft,
      drawdownLimit: room.drawdownLeft === null ? null : program.maxTotalLoss,
      drawdownLeft: room.drawdownLeft,
    };
    return { report, state, program, drawdownFloor: room.drawdownFloor };
  }
}

/** A room report with what it was measured on. */
export interface MeasuredRoom {
  report: AccountRoomReport;
  state: AccountState;
  program: ProgramLimits;
  drawdownFloor: Decimal | null;
}
