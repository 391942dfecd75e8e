import Decimal from 'decimal.js';

/** What the closed day's record holds (decimal texts as the account state kept them). */
export interface DayFigures {
  startBalance: string;
  balance: string;
  openPnl: string;
  realizedPnl: string;
}

/**
 * The day's P&L: the equity at the close (balance and the open P&L of a position held over it) less the
 * balance the day started with; the realized part apart. Exact, shown to the cent.
 */
export function dayPnl(f: DayFigures): { pnl: string; realized: string; balance: string } {
  const equity = new Decimal(f.balance).plus(f.openPnl);
  return {
    pnl: equity.minus(f.startBalance).toFixed(2),
    realized: new Decimal(f.realizedPnl).toFixed(2),
    balance: new Decimal(f.balance).toFixed(2),
  };
}

/** The outbox key that makes the summary once per account and trading day. */
export function summaryKey(accountId: number, tradingDay: string): string {
  return `summary:${accountId}:${tradingDay}`;
}
