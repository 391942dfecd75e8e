import type Decimal from 'decimal.js';

/** One platform fill applied to a trading account's state (table `account_fills`), as recorded. */
export interface RecordedFill {
  fillId: string;
  at: Date;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: Decimal;
}

/** The fills PropRouter recorded for an account (the risk context applies and keeps them). */
export abstract class RecordedFills {
  /** Fills of `accountId` filled in [from, to), by time. */
  abstract between(accountId: number, from: Date, to: Date): Promise<RecordedFill[]>;
}
