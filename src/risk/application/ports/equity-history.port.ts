import type Decimal from 'decimal.js';
import type { AccountKey } from './account-state.repository.port';

/** One minute of an account's money, as its state last stood in that minute. */
export interface EquityRecord {
  at: Date;
  balance: Decimal;
  /** Null when the platform reports none. */
  openPnl: Decimal | null;
  highWaterMarkEod: Decimal;
  highWaterMarkIntraday: Decimal;
}

/** `account_equity_points` (written by a trigger on every state change): oldest first, thinned to `maxPoints`. */
export abstract class EquityHistory {
  abstract points(key: AccountKey, since: Date, until: Date, maxPoints: number): Promise<EquityRecord[]>;
}
