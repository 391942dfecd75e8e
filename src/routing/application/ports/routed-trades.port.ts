/**
 * PropRouter's own record of the trades it opened, per account, for reconciliation (issue 14): an entry
 * sent with success and not yet closed by an exit, less what the platform closed on its own (its stop or
 * target filled). The `orders` table is the record; this is its one door for other contexts.
 */

/** A trade believed open in one account: what its entry opened, and what is believed open still. */
export interface RoutedOpenTrade {
  tradeId: string;
  clientOrderId: string;
  externalOrderId: string | null;
  /** As routed (after the account's symbol map), e.g. `MNQ` or `NQ1!`. */
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  openQuantity: number;
  /** The entry asked for a stop loss / a take profit (bracket legs at the platform). */
  stopLoss: boolean;
  takeProfit: boolean;
}

export interface AccountRoutedTrades {
  /** Oldest first. */
  trades: RoutedOpenTrade[];
  /** Symbols (as routed) of the account's orders in flight (not yet answered, or to be re-sent), or changed since the time asked. */
  unsettledSymbols: string[];
}

/** The net of one account's open routed trades in one symbol (as routed): long > 0, short < 0. */
export interface RoutedPosition {
  accountId: number;
  symbol: string;
  net: number;
}

export abstract class RoutedTrades {
  /**
   * The positions the router's records say its trades hold, per account and symbol (zero nets left out):
   * entries sent with success, less what their exits closed and what the platform closed on its own (which
   * reconciliation and closes by symbol settle).
   */
  abstract openPositions(accountIds: number[]): Promise<RoutedPosition[]>;
  /** The account's open trades, and the symbols whose orders are in flight or changed at or after `changedSince`. */
  abstract openTrades(accountId: number, changedSince: Date): Promise<AccountRoutedTrades>;
  /** Which of `ids` (client or platform order ids) name an order PropRouter sent to the account. */
  abstract sentOrderIds(accountId: number, ids: string[]): Promise<string[]>;
  /**
   * Records that the platform holds only `openQuantity` of a trade it believed `fromQuantity` open (0: the
   * trade is closed): a later exit closes what is left, or nothing. False when the record changed meanwhile
   * (an exit was sent, or another round settled it): nothing is written then.
   */
  abstract settle(
    accountId: number,
    entryClientOrderId: string,
    fromQuantity: number,
    openQuantity: number,
  ): Promise<boolean>;
}
