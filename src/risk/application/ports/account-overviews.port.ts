import type Decimal from 'decimal.js';
import type { AccountRoomReport } from './account-rooms.port';

/** One open position as the account's state holds it. */
export interface OverviewPosition {
  symbol: string;
  /** Signed: long > 0. */
  quantity: number;
  avgPrice: Decimal | null;
}

/** An account's state and room as the risk gate sees them (the dashboard's card). */
export interface AccountOverview extends AccountRoomReport {
  balance: Decimal;
  startOfDayBalance: Decimal;
  realizedPnlToday: Decimal;
  openPnl: Decimal;
  /** Balance + open P&L − the day's starting balance. */
  pnlToday: Decimal;
  positions: OverviewPosition[];
  drawdownFloor: Decimal | null;
  /** When the platform last confirmed the state; null for a typed-in state. */
  confirmedAt: Date | null;
  updatedAt: Date;
}

export interface EquityPoint {
  at: Date;
  balance: Decimal;
  openPnl: Decimal | null;
  equity: Decimal;
  /** The drawdown floor as the gate computed it from that minute's marks; null: no maximum loss. */
  drawdownFloor: Decimal | null;
}

export interface EquityCurve {
  accountId: number;
  drawdownType: string | null;
  points: EquityPoint[];
}

/** The dashboard's reads of the risk context: cards and equity curves, from the gate's own functions. */
export abstract class AccountOverviews {
  /** Null when the account does not exist or has no program (an `env:` account). */
  abstract overview(accountId: number): Promise<AccountOverview | null>;
  /** Null as for `overview`. */
  abstract equityCurve(
    accountId: number,
    range: { since: Date; until: Date; maxPoints: number },
  ): Promise<EquityCurve | null>;
}
