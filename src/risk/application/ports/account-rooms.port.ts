import type Decimal from 'decimal.js';

/** One trading account's headroom, as the risk gate measures it, on its state rolled to today. */
export interface AccountRoomReport {
  accountId: number;
  label: string;
  firmCode: string;
  tradingDay: string;
  /** When that trading day ends at the firm (its own reset time and zone). */
  tradingDayEndsAt: Date;
  /** True when the state was last read from the platform (not typed in): what the guards act on. */
  synced: boolean;
  equity: Decimal;
  /** The daily loss limit the gate uses and the room left before it; null when there is none. */
  dailyLossLimit: Decimal | null;
  dailyLossLeft: Decimal | null;
  /** The program's maximum loss and the equity above its floor; null when there is none. */
  drawdownLimit: Decimal | null;
  drawdownLeft: Decimal | null;
}

/** Every trading account's room left (metrics, limit warnings): the gate's own headroom functions. */
export abstract class AccountRooms {
  abstract list(): Promise<AccountRoomReport[]>;
  /** One trading account's room; null when it has no program or does not exist. */
  abstract room(accountId: number): Promise<AccountRoomReport | null>;
}
