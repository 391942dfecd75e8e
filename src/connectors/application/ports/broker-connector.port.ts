import type { ConnectorPlatform } from '../../domain/firm-connector-settings';
import type { PlatformAccountSnapshot } from '../../../shared-kernel/platform-state';
import type {
  ExitRequest,
  NormalizedOrder,
  PositionPicture,
  ResizeRequest,
  StopOrderRequest,
} from './connector-gateway.port';
import type { PlatformStream, StreamListener } from './platform-stream.port';

/** One read of one account's state at its platform (the reader adds the account id and the time). */
export type PlatformState = Omit<PlatformAccountSnapshot, 'accountId' | 'readAt'>;

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

/** One account a login can trade, as the platform lists it. */
export interface PlatformAccountInfo {
  platform_account: string;
  name: string;
}

/** The platform's account an adapter trades: from the trading account, or (env accounts) from `{FIRM}_*`. */
export interface AccountTarget {
  /** For messages: the firm code of the account. */
  firmCode: string;
  /** For messages: the account's label. */
  label: string;
  /** Null: the env configuration's account (env accounts). */
  platformAccount: string | null;
  /** Tradovate's account spec (name); null elsewhere, or to use the env configuration's. */
  platformAccountSpec: string | null;
  /** The account's program: a paper account opens with its account size (issue 19). Absent: unknown. */
  programId?: number | null;
}

/** One account a stream keeps: the trading account's id (for the snapshots) and its platform account. */
export interface StreamTarget {
  accountId: number;
  target: AccountTarget;
}

/**
 * One platform adapter bound to one account (seed 13C `BasePropConnector`). Methods either return or throw a
 * ConnectorError (see connector-errors.ts) — never a bare Error for an expected failure. Adapters are thin:
 * no retries or breakers here; the gateway wraps every call with the connection's policy.
 * raw_request/raw_response may contain credentials: the gateway redacts them.
 */
export abstract class BrokerConnector {
  abstract readonly platform: ConnectorPlatform;
  abstract readonly firmCode: string;

  /** Obtain (or reuse, renewing before expiry) the login's session/token. Throws FATAL on bad credentials. */
  abstract authenticate(): Promise<void>;
  /** Places the order (a bracket when stop_loss/take_profit are given), tagged with order.client_order_id. */
  abstract placeOrder(order: NormalizedOrder): Promise<PlatformOrder>;
  /** Looks an order up by the router's client order id; null when the platform has no such order. */
  abstract findOrderByClientId(clientOrderId: string, symbol: string): Promise<PlatformOrder | null>;
  abstract getOrderStatus(externalOrderId: string): Promise<PlatformOrder>;
  abstract cancelOrder(externalOrderId: string): Promise<PlatformOrder>;
  /** Cancels the entry's working brackets and flattens what the entry opened. */
  abstract closePosition(exit: ExitRequest): Promise<PlatformOrder>;
  /** Places a stop order on its own (no bracket), tagged with stop.client_order_id. */
  abstract placeStop(stop: StopOrderRequest): Promise<PlatformOrder>;
  /**
   * Brings a working order to `resize.quantity`, keeping its type and prices; answers the order that works at
   * that size (a replacement's id where the platform cannot modify). An order no longer working is REJECTED.
   */
  abstract resizeOrder(resize: ResizeRequest): Promise<PlatformOrder>;
  /** The account's net position in the symbol's contract and that contract's working orders. */
  abstract readPosition(symbol: string): Promise<PositionPicture>;
  /** A platform fact (e.g. no contract for the symbol), not a rule: the risk gate owns the rules. */
  abstract supportsSymbol(symbol: string): boolean;
}

/**
 * One login at a platform (a connection): its session (token, renewal), HTTP client and rate limits, shared
 * by every account on it. Builds the per-account adapters; building makes no network call.
 */
export abstract class PlatformLogin {
  abstract readonly platform: ConnectorPlatform;
  /** Logs in (or reuses the session). Throws FATAL on bad credentials. */
  abstract authenticate(): Promise<void>;
  /** The accounts this login can trade. */
  abstract listAccounts(): Promise<PlatformAccountInfo[]>;
  /** The adapter for one account; throws ConnectorConfigError naming what the account lacks. */
  abstract connector(account: AccountTarget): BrokerConnector;
  /**
   * The account's balance, P&L, open positions, fills at or after `fillsSince` (all the platform lists when
   * null; oldest first, each fill id once) and working orders, over the platform's REST API. Throws a
   * ConnectorError when the platform cannot be read.
   */
  abstract readState(account: AccountTarget, fillsSince: Date | null): Promise<PlatformState>;
  /**
   * Opens the login's push stream for these accounts (one socket for all of them), or null when the platform
   * has none (the default: the generic REST API is polled). See PlatformStreams for the contract.
   */
  openStream(_accounts: readonly StreamTarget[], _listener: StreamListener): PlatformStream | null {
    return null;
  }
  /** Current credential and token values, for the gateway's redactor. */
  abstract secrets(): string[];
}
