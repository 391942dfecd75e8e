import type { ExitRequest, NormalizedOrder } from './connector-gateway.port';

/** What a platform said about one order, before the gateway turns it into a seed ConnectorResult. */
export interface PlatformOrder {
  external_order_id: string;
  /** Platform status text, e.g. 'Working', 'Filled', 'ACCEPTED', '1' (ProjectX Open). */
  status: string;
  /** Ids of bracket/child orders placed with it (Tradovate oso1Id/oso2Id, ProjectX bracket ids), if known. */
  bracket_order_ids?: string[];
  raw_request: unknown;
  raw_response: unknown;
}

/**
 * One platform adapter (seed 13C `BasePropConnector`), configured for one firm. Methods either return or
 * throw a ConnectorError (see connector-errors.ts) — never a bare Error for an expected failure.
 * Adapters are thin: no retries or breakers here; the gateway wraps every call with the firm's policy.
 * raw_request/raw_response may contain credentials: the gateway redacts them.
 */
export abstract class BrokerConnector {
  abstract readonly platform: 'rest' | 'tradovate' | 'projectx';
  abstract readonly firmCode: string;

  /** Obtain (or reuse, renewing before expiry) a session/token. Throws FATAL on bad credentials. */
  abstract authenticate(): Promise<void>;
  /** Places the order (a bracket when stop_loss/take_profit are given), tagged with order.client_order_id. */
  abstract placeOrder(order: NormalizedOrder): Promise<PlatformOrder>;
  /** Looks an order up by the router's client order id; null when the platform has no such order. */
  abstract findOrderByClientId(clientOrderId: string, symbol: string): Promise<PlatformOrder | null>;
  abstract getOrderStatus(externalOrderId: string): Promise<PlatformOrder>;
  abstract cancelOrder(externalOrderId: string): Promise<PlatformOrder>;
  /** Cancels the entry's working brackets and flattens what the entry opened. */
  abstract closePosition(exit: ExitRequest): Promise<PlatformOrder>;
  abstract supportsSymbol(symbol: string): boolean;
}
