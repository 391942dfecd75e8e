/**
 * The seed's result shapes, defined once (seeds 13C/13D/13E, DESIGN.md "Result of a task"): the risk
 * gate, the sizer and the connectors produce them, the router assembles them into a task result. Field
 * names are the seed's JSON names. Money and prices are JSON numbers.
 */

/** Which trading account a decision or an order is for; null on results not tied to one account. */
export interface AccountRef {
  account_id: number | null;
  account_label: string | null;
}

/** One firm's (one account's) pre-trade risk decision (seed 13D). `details` holds the numbers it used. */
export interface RiskDecision {
  firm_code: string;
  status: 'APPROVED' | 'REJECTED';
  rule: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  /**
   * Set when the gate sized the entry down to fit the room left (issue 16): the quantity to send, below the
   * one asked for (`details.capped_from`); `rule` names the limit that capped it. Absent: as asked.
   */
  approved_quantity?: number;
}

/** One firm × program sizing decision (seed 13E `SizingResult`). */
export interface SizingDecision {
  firm_code: string;
  program_id: number;
  status: 'APPROVED' | 'REJECTED';
  rule: string | null;
  reason: string | null;
  computed_quantity: number | null;
  details: Record<string, unknown>;
}

export type ConnectorStatus = 'SUCCESS' | 'FAILED' | 'RETRY' | 'SKIPPED';

/** Seed 13C `ConnectorResult`. raw_request/raw_response are already redacted. */
export interface ConnectorResult {
  status: ConnectorStatus;
  external_order_id: string | null;
  raw_request: unknown;
  raw_response: unknown;
  error_message: string | null;
  /**
   * RETRY only: the request may have reached the platform (timed out, cut off or answered 5xx after it was
   * sent) and a lookup by client order id did not find it. It was not sent again: an overloaded platform
   * may still hold it in its queue. Look it up again once it would have been applied or dropped
   * (OrderExecutor: twice ORDER_SEND_WINDOW_MS after its send window opened) before sending anything.
   */
  outcome_unknown?: true;
}

/** One connector outcome as the task result records it (seed 13C, without raw_request). */
export interface ConnectorOutcome extends AccountRef {
  firm_code: string;
  status: ConnectorStatus;
  external_order_id: string | null;
  raw_response: unknown;
  error_message: string | null;
  /** An entry sent with a stop loss: whether a working stop covers the position at the platform (issue 14). */
  protection?: ProtectionOutcome;
  /** A partial reduction that answered SUCCESS: its protective orders resized to what is left. */
  protection_resize?: ProtectionResizeOutcome;
}

/**
 * What a partial reduction did to the contract's protective working orders (README "Alert semantics"):
 * RESIZED (each leg now covers at most what is left), NOT_NEEDED (none covered more), FAILED (some leg could
 * not be resized: the account's `error_message` says PROTECTION_RESIZE_FAILED and which).
 */
export type ProtectionResizeStatus = 'RESIZED' | 'NOT_NEEDED' | 'FAILED';
export const PROTECTION_RESIZE_STATUSES: readonly ProtectionResizeStatus[] = [
  'RESIZED',
  'NOT_NEEDED',
  'FAILED',
];

export interface ProtectionResizeOutcome {
  status: ProtectionResizeStatus;
  /** In words: what is left and what each leg became. */
  detail: string;
  /** Contracts held after the reduction. */
  remaining: number;
  legs: ResizedLeg[];
}

/** One protective leg resized (`to` > 0) or cancelled (`to` 0). */
export interface ResizedLeg {
  order_id: string;
  side: 'BUY' | 'SELL';
  type: string;
  from: number;
  to: number;
  status: ConnectorStatus;
  /** The order working in its place when the platform re-placed it (generic REST: cancel, then place). */
  new_order_id: string | null;
  error_message: string | null;
}

/**
 * What the protection check of one filled entry found and did (issue 14, "Protected entries"):
 * PROTECTED (working stops cover the whole position), STOP_PLACED (the missing stop was placed),
 * FLATTENED (placing it failed: the position was flattened and the account halted), UNPROTECTED (placing
 * and flattening failed: the account is halted), NOT_FILLED (the entry still works at the platform when the
 * time ran out), NOT_NEEDED (no stop loss, or no open position left to protect).
 */
export type ProtectionStatus =
  'PROTECTED' | 'STOP_PLACED' | 'FLATTENED' | 'UNPROTECTED' | 'NOT_FILLED' | 'NOT_NEEDED';
export const PROTECTION_STATUSES: readonly ProtectionStatus[] = [
  'PROTECTED',
  'STOP_PLACED',
  'FLATTENED',
  'UNPROTECTED',
  'NOT_FILLED',
  'NOT_NEEDED',
];

export interface ProtectionOutcome {
  status: ProtectionStatus;
  /** Why, in words: what was seen at the platform and what was done (never a credential). */
  detail: string;
  /** Net contracts held in the entry's direction at the last read; null when it could not be read. */
  position: number | null;
  /** Contracts covered by working stops on the other side at the last read; null when unread. */
  covered: number | null;
  /** The protective stop placed by PropRouter (its platform id), when one was. */
  stop_order_id: string | null;
  /** The halt recorded for the account (FLATTENED, UNPROTECTED), when one was. */
  halt_id: number | null;
  /** Milliseconds from the entry's acceptance to the outcome. */
  elapsed_ms: number;
}

/** The seed's normalized order (`_build_order_payload`), plus the router's client order id. */
export interface NormalizedOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  order_type: 'MARKET' | 'LIMIT' | 'STOP';
  entry_price?: number;
  stop_loss?: number;
  take_profit?: number;
  /** A trailing stop loss: its distance from the market (price units); `stop_loss` is where it starts. */
  trail_distance?: number;
  /** Move the stop loss to the entry once the trade is this many ticks in profit (Tradovate only). */
  break_even_ticks?: number;
  session?: string;
  bias?: string;
  risk_percent?: number;
  program_ids?: number[];
  /** Unique per order (task × account × event), chosen by the router; the key for idempotency. */
  client_order_id: string;
}

/**
 * What a task came to, over its accounts: every order sent succeeded (ROUTED), some did (PARTIAL), every
 * account was refused by risk or sizing (REJECTED), orders were meant to go and none arrived
 * (FAILED_TO_SEND), EXECUTION_DRY_RUN held them (DRY_RUN), or no account was targeted (NOTHING_TO_DO).
 */
export type TaskOutcome = 'ROUTED' | 'PARTIAL' | 'REJECTED' | 'FAILED_TO_SEND' | 'DRY_RUN' | 'NOTHING_TO_DO';
export const TASK_OUTCOMES: readonly TaskOutcome[] = [
  'ROUTED',
  'PARTIAL',
  'REJECTED',
  'FAILED_TO_SEND',
  'DRY_RUN',
  'NOTHING_TO_DO',
];

/** `execution_logs.response_body`: the seed's shape, each element naming its account, plus the outcome. */
export interface TaskResult {
  routed: boolean;
  dry_run: boolean;
  event_type: 'entry' | 'exit';
  trade_id: string;
  details: string;
  outcome: TaskOutcome;
  /** How many accounts ended in each state: APPROVED/REJECTED/SUCCESS/FAILED/RETRY/SKIPPED. */
  account_counts: Record<string, number>;
  risk_checks: (RiskDecision & AccountRef)[];
  program_sizing: (SizingDecision & AccountRef)[];
  connector_results: ConnectorOutcome[];
}
