import type { PlatformWorkingOrder } from '../../../shared-kernel/platform-state';
import type { ConnectorResult, NormalizedOrder } from '../../../shared-kernel/seed-results';

export type { ConnectorResult, NormalizedOrder } from '../../../shared-kernel/seed-results';

/** Flatten what one entry opened in an account, and cancel its working bracket orders. */
export interface ExitRequest {
  symbol: string;
  /** Side of the entry being closed; the exit goes the other way. */
  entry_side: 'BUY' | 'SELL';
  quantity: number;
  entry_external_order_id: string | null;
  /** Client order id for the closing order (unique, chosen by the router). */
  client_order_id: string;
  /**
   * The exit alert's price, when it gave one: the paper platform fills the exit there (issue 19); a live
   * platform sends a market order and ignores it.
   */
  price?: number;
}

/** A stop order placed on its own (a protective stop for an open position). */
export interface StopOrderRequest {
  symbol: string;
  /** The stop's side: the other way from the position it protects. */
  side: 'BUY' | 'SELL';
  quantity: number;
  stop_price: number;
  /** Unique, chosen by the router; the key for looking the order up before any re-send. */
  client_order_id: string;
}

/** A working order brought to a new size (a protective leg after a partial reduction). */
export interface ResizeRequest {
  symbol: string;
  /** The working order as readPosition reported it: its type and prices are kept. */
  order: PlatformWorkingOrder;
  /** The size it ends at: a positive whole number (to cancel it, cancelOrder). */
  quantity: number;
  /**
   * Unique, chosen by the router: the replacement's client order id on a platform that cannot modify an order
   * and re-places it instead (the generic REST API), the key that makes a re-sent replacement a replay.
   */
  client_order_id: string;
}

/** One contract of one account at its platform: the net position and the contract's working orders. */
export interface PositionPicture {
  /** The platform's contract as it names it (e.g. "MNQZ5"). */
  symbol: string;
  /** Signed: long > 0, short < 0, flat 0. */
  netQuantity: number;
  workingOrders: PlatformWorkingOrder[];
}

/** A position read: the picture, or why the platform could not be read (redacted). */
export type PositionReading =
  { status: 'SUCCESS'; position: PositionPicture } | { status: 'FAILED' | 'RETRY'; error_message: string };

/** What a connection test found: the accounts its login can trade, or why it failed (never a credential). */
export interface ConnectionTestResult {
  ok: boolean;
  accounts?: { platform_account: string; name: string }[];
  error?: string;
}

/**
 * Orders to trading accounts. Each call resolves the account to its connection through the AccountDirectory
 * (a credentials change applies to the next call); one login session per connection serves all its accounts.
 */
export abstract class ConnectorGateway {
  /** Never throws. An unknown account, or one whose connection is not configured → FAILED `CONNECTOR_NOT_CONFIGURED: …` naming what is missing (names, never values). */
  abstract placeOrder(accountId: number, order: NormalizedOrder): Promise<ConnectorResult>;
  /** Reconciliation: the order with this client order id, if the platform has it; null if it does not. */
  abstract findOrder(
    accountId: number,
    clientOrderId: string,
    symbol: string,
  ): Promise<ConnectorResult | null>;
  abstract getOrderStatus(accountId: number, externalOrderId: string): Promise<ConnectorResult>;
  abstract cancelOrder(accountId: number, externalOrderId: string): Promise<ConnectorResult>;
  abstract exitPosition(accountId: number, exit: ExitRequest): Promise<ConnectorResult>;
  /** A stop order on its own, sent at most once per client order id. Never throws. */
  abstract placeStop(accountId: number, stop: StopOrderRequest): Promise<ConnectorResult>;
  /**
   * Brings a working order to `resize.quantity` (Tradovate modifyorder, ProjectX Order/modify; the generic REST
   * API cancels it and places its replacement). Setting a size is idempotent: retried like a cancel. SUCCESS
   * names the order that now works (the replacement's id on REST). Never throws.
   */
  abstract resizeOrder(accountId: number, resize: ResizeRequest): Promise<ConnectorResult>;
  /** The account's position in the symbol's contract and that contract's working orders. Never throws. */
  abstract readPosition(accountId: number, symbol: string): Promise<PositionReading>;
  /** Logs in with the connection's credentials and lists the accounts that login can trade. Never throws. */
  abstract testConnection(connectionId: number): Promise<ConnectionTestResult>;
  /**
   * Runs `send` (calls of this gateway) inside a send window: no request of theirs starts at or after
   * `notAfter` (epoch ms); one that could not start answers RETRY, certainly not sent. A router sends each
   * order inside such a window, and another router that finds the order unanswered waits for the window
   * (and the requests started in it) to pass before it looks the order up.
   */
  abstract sendBy<T>(notAfter: number, send: () => Promise<T>): Promise<T>;
}
