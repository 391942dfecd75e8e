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
}

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
  /** Logs in with the connection's credentials and lists the accounts that login can trade. Never throws. */
  abstract testConnection(connectionId: number): Promise<ConnectionTestResult>;
}
