/** A trading account's closed trading day, as recorded at its close (`daily_summaries`). */
export interface ClosedDay {
  accountId: number;
  tradingDay: string;
  /** Decimal texts, as the account state held them at the close. */
  startBalance: string;
  balance: string;
  openPnl: string;
  realizedPnl: string;
  orders: number;
  failed: number;
  rejections: number;
}

/** The closed days still to summarise; each marked once its `daily.summary` is queued. */
export abstract class ClosedDays {
  abstract due(limit: number): Promise<ClosedDay[]>;
  abstract queued(accountId: number, tradingDay: string): Promise<void>;
}
