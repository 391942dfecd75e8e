import type { EventType } from '../../domain/signal';
import type { ConnectorStatus } from '../../domain/task-result';
import type { RoutedEntry } from '../../domain/routing-plan';

export type OrderStatus = 'PENDING_SEND' | ConnectorStatus;

/** An order about to be sent: its row is written (PENDING_SEND) before the connector is called. */
export interface PendingOrder {
  /** The signal's task; null for an order of a flatten (`flattenId`). */
  taskId: number | null;
  /** The account flatten that sends it (AccountFlattener); absent for a signal's order. */
  flattenId?: number;
  tradeId: string;
  eventType: EventType;
  /** An exit by trade id: the entry order (its `orders` id) it closes, of that trade id's generations the one it closes. */
  closesOrderId?: number;
  firmCode: string;
  accountId: number;
  accountLabel: string;
  programId: number | null;
  clientOrderId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  /** The order as the router built it (NormalizedOrder or ExitRequest): what a re-drive sends again. */
  rawRequest: unknown;
}

export interface StoredOrder {
  clientOrderId: string;
  status: OrderStatus;
  /** How long ago the row was written (the database's clock): a PENDING_SEND row's send may be in flight. */
  ageMs: number;
  externalOrderId: string | null;
  rawResponse: unknown;
  errorMessage: string | null;
}

export interface OrderOutcome {
  status: ConnectorStatus;
  externalOrderId: string | null;
  rawRequest: unknown;
  rawResponse: unknown;
  errorMessage: string | null;
}

/** The `orders` table. raw_request/raw_response arrive already redacted. */
export abstract class OrderStore {
  /**
   * Inserts a PENDING_SEND row per order; returns the rows that already existed, by client order id.
   * `batched`: the caller already merged a turn's orders (EntryDecisions): written at once, not merged with
   * other callers' in the next turn (one loop turn less on the signal path).
   */
  abstract reserve(intents: PendingOrder[], batched?: boolean): Promise<Map<string, StoredOrder>>;
  abstract record(clientOrderId: string, outcome: OrderOutcome): Promise<void>;
  /**
   * Orders found PENDING_SEND whose sender may still be sending them, or RETRY whose send may still be in a
   * platform's queue: RETRY, due for a re-drive (which looks them up first) no sooner than `delayMs` from now
   * (a PENDING_SEND row's message becomes `reason`); a row answered meanwhile is left as recorded.
   */
  abstract defer(clientOrderIds: string[], delayMs: number, reason: string): Promise<void>;
  /**
   * What an exit of this trade id closes, one entry order per account: the account's most recent successful
   * entry of that trade id not yet closed (no exit of it sent, being sent or to be re-sent, not all closed at
   * the platform), with what is still open of it. A reused trade id ("Long") closes its latest trade.
   */
  abstract routedEntries(tradeId: string): Promise<RoutedEntry[]>;
}
