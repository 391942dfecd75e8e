import type { ConnectorResult, NormalizedOrder } from '../../../shared-kernel/seed-results';
export type { ConnectorResult, NormalizedOrder } from '../../../shared-kernel/seed-results';

/** Flatten what one entry opened at a firm, and cancel its working bracket orders. */
export interface ExitRequest {
  symbol: string;
  /** Side of the entry being closed; the exit goes the other way. */
  entry_side: 'BUY' | 'SELL';
  quantity: number;
  entry_external_order_id: string | null;
  /** Client order id for the closing order (unique, chosen by the router). */
  client_order_id: string;
}

export interface FirmConnectorStatus {
  firm_code: string;
  platform: 'rest' | 'tradovate' | 'projectx';
  enabled: boolean;
  configured: boolean;
  /** Names of missing settings (e.g. `APEX_API_KEY`), never their values. */
  missing: string[];
  /** The firm's circuit breaker: `open` = failing fast after consecutive platform failures. */
  circuit: 'closed' | 'open' | 'half_open' | 'isolated';
}

export interface ConnectionTestResult {
  ok: boolean;
  accounts?: { platform_account: string; name: string }[];
  error?: string;
}

export abstract class ConnectorGateway {
  /** Never throws. An unknown account, or one whose connection is not configured → FAILED `CONNECTOR_NOT_CONFIGURED: …`. */
  abstract placeOrder(accountId: number, order: NormalizedOrder): Promise<ConnectorResult>;
  abstract findOrder(accountId: number, clientOrderId: string, symbol: string): Promise<ConnectorResult | null>;
  abstract getOrderStatus(accountId: number, externalOrderId: string): Promise<ConnectorResult>;
  abstract cancelOrder(accountId: number, externalOrderId: string): Promise<ConnectorResult>;
  abstract exitPosition(accountId: number, exit: ExitRequest): Promise<ConnectorResult>;
  /** Logs in with the connection's credentials and lists the accounts that login can trade. Never throws. */
  abstract testConnection(connectionId: number): Promise<ConnectionTestResult>;
}
