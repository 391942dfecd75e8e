export type EventType = 'entry' | 'exit';
export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';

/**
 * A validated, normalized trading signal (seed field names), as stored in `execution_tasks.payload`.
 * Every field is present; what the sender left out is null or an empty list. Never holds the secret.
 */
export interface Signal {
  trade_id: string;
  event_type: EventType;
  symbol: string;
  /** Required for an entry; an exit closes whatever side its entry opened. */
  side: Side | null;
  /** The trader's quantity: validated by sizing, never replaced; null = let sizing compute it. */
  quantity: number | null;
  order_type: OrderType;
  entry_price: number | null;
  stop_loss: number | null;
  take_profit: number | null;
  /** Fraction of the account: 0.01 = 1 %. */
  risk_percent: number | null;
  /** Account filters, intersected over the enabled accounts (all empty = every enabled account). */
  /** Labels or ids. */
  accounts: string[];
  account_tags: string[];
  /** Upper-cased. */
  firm_codes: string[];
  program_ids: number[];
  session: string | null;
  bias: string | null;
}

export type NormalizeOutcome = { ok: true; signal: Signal } | { ok: false; problems: string[] };
