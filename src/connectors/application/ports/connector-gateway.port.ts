/** The seed's normalized order (`_build_order_payload`), plus the router's client order id. */
export interface NormalizedOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  order_type: 'MARKET' | 'LIMIT' | 'STOP';
  entry_price?: number;
  stop_loss?: number;
  take_profit?: number;
  session?: string;
  bias?: string;
  risk_percent?: number;
  program_ids?: number[];
  /** Unique per order, chosen by the router; the key for idempotency and reconciliation. */
  client_order_id: string;
}

/** Seed 13C `ConnectorResult`. raw_request/raw_response are already redacted. */
export interface ConnectorResult {
  status: 'SUCCESS' | 'FAILED' | 'RETRY' | 'SKIPPED';
  external_order_id: string | null;
  raw_request: unknown;
  raw_response: unknown;
  error_message: string | null;
}

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

export abstract class ConnectorGateway {
  /** Firm codes with `{FIRM}_ENABLED=true`. */
  abstract enabledFirms(): string[];
  abstract status(firmCode: string): FirmConnectorStatus;
  /** Never throws. Unconfigured/unknown firm → FAILED `CONNECTOR_NOT_CONFIGURED: ...`. */
  abstract placeOrder(firmCode: string, order: NormalizedOrder): Promise<ConnectorResult>;
  /** Reconciliation: the order with this client order id, if the platform has it; null if it does not. */
  abstract findOrder(
    firmCode: string,
    clientOrderId: string,
    symbol: string,
  ): Promise<ConnectorResult | null>;
  abstract getOrderStatus(firmCode: string, externalOrderId: string): Promise<ConnectorResult>;
  abstract cancelOrder(firmCode: string, externalOrderId: string): Promise<ConnectorResult>;
  abstract exitPosition(firmCode: string, exit: ExitRequest): Promise<ConnectorResult>;
}
