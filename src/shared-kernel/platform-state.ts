/**
 * An account's state as its platform reports it (issue 14, "Account state from the platform"): what the
 * connectors read (streams or polling) and the risk context folds into the account state the gate checks.
 * Money and prices are exact decimal text ("50012.25"), never binary floats.
 */

/** One open position at the platform: signed net quantity (long > 0, short < 0). */
export interface PlatformPosition {
  /** The platform's contract symbol as routed (e.g. "MNQZ5", "NQ"). */
  symbol: string;
  netQuantity: number;
  /** Average entry price; null when the platform does not say. */
  averagePrice: string | null;
}

/** One execution at the platform. `fillId` is the platform's own id: a fill is applied once per id. */
export interface PlatformFill {
  fillId: string;
  /** The platform's order id, and the router's client order id when the platform echoes it. */
  orderId: string | null;
  clientOrderId: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: string;
  /** ISO 8601 instant. */
  filledAt: string;
}

/** A working (not yet filled or cancelled) order at the platform. */
export interface PlatformWorkingOrder {
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  type: 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT' | 'OTHER';
  stopPrice: string | null;
  limitPrice: string | null;
}

/** Everything one read of one account at its platform gave. Fields the platform did not report are null. */
export interface PlatformAccountSnapshot {
  /** The trading account (accounts context id). */
  accountId: number;
  /** Cash balance, realized P&L included. */
  balance: string | null;
  /** Open (unrealized) P&L of the open positions at the platform's current price. */
  openPnl: string | null;
  /** Realized P&L of the platform's own session/day, as it reports it (informational). */
  realizedPnl: string | null;
  positions: PlatformPosition[];
  /** Fills since the cursor the read was asked for (all it has when none), oldest first. */
  fills: PlatformFill[];
  workingOrders: PlatformWorkingOrder[];
  /** ISO 8601 instant of the read. */
  readAt: string;
}
