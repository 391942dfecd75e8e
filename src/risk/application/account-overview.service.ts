import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { freshAccount } from '../domain/account-state';
import { drawdownFloor } from '../domain/drawdown';
import { AccountRoomsService } from './account-rooms.service';
import { AccountOverview, AccountOverviews, EquityCurve } from './ports/account-overviews.port';
import { EquityHistory, EquityRecord } from './ports/equity-history.port';
import type { ProgramLimits } from '../domain/program-limits';

/** Cards and curves: the room the gate measures (AccountRoomsService), the floor from `drawdownFloor`. */
@Injectable()
export class AccountOverviewService extends AccountOverviews {
  constructor(
    private readonly rooms: AccountRoomsService,
    private readonly directory: AccountDirectory,
    private readonly history: EquityHistory,
  ) {
    super();
  }

  async overview(accountId: number): Promise<AccountOverview | null> {
    const m = await this.rooms.measured(accountId);
    if (!m) return null;
    const s = m.state;
    return {
      ...m.report,
      balance: s.balance,
      startOfDayBalance: s.startOfDayBalance,
      realizedPnlToday: s.realizedPnlToday,
      openPnl: s.openPnl,
      pnlToday: s.balance.plus(s.openPnl).minus(s.startOfDayBalance),
      positions: s.positions.map((p) => ({
        symbol: p.symbol,
        quantity: p.netQuantity,
        avgPrice: p.avgPrice,
      })),
      drawdownFloor: m.drawdownFloor,
      confirmedAt: s.confirmedAt,
      updatedAt: s.updatedAt,
    };
  }

  async equityCurve(
    accountId: number,
    range: { since: Date; until: Date; maxPoints: number },
  ): Promise<EquityCurve | null> {
    const account = await this.directory.account(accountId);
    const m = account ? await this.rooms.measured(accountId) : null;
    if (!account || !m || account.programId === null) return null;
    const key = { firmCode: account.firmCode, programId: account.programId, accountId };
    const records = await this.history.points(key, range.since, range.until, range.maxPoints);
    return {
      accountId,
      drawdownType: m.program.maxTotalLoss === null ? null : (m.program.drawdownType ?? 'static'),
      points: records.map((r) => ({
        at: r.at,
        balance: r.balance,
        openPnl: r.openPnl,
        equity: r.balance.plus(r.openPnl ?? 0),
        drawdownFloor: floorAt(m.program, r, m.state.tradingDay),
      })),
    };
  }
}

/** The floor the gate would have computed from that minute's marks. */
function floorAt(program: ProgramLimits, r: EquityRecord, day: string): Decimal | null {
  if (program.maxTotalLoss === null) return null;
  const state = {
    ...freshAccount(program, day, r.at),
    balance: r.balance,
    openPnl: r.openPnl ?? new Decimal(0),
    highWaterMarkEod: r.highWaterMarkEod,
    highWaterMarkIntraday: r.highWaterMarkIntraday,
  };
  return drawdownFloor(program, program.maxTotalLoss, state).floor;
}
