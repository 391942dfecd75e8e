export type EventType = 'entry' | 'exit';
export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';

/**
 * What an alert does to each account's position in its symbol (README "Alert semantics", the table):
 * `open` an entry in `side` (closing an opposite position first: a reversal); `add` to the position held
 * (an entry in its direction, nothing when flat); `exit_trade` close what the entry with this trade_id opened;
 * `close` the position in the symbol, whatever it is, and cancel the symbol's working orders; `reduce` the
 * position held opposite to `side` by `quantity` (all of it without one), nothing when none is held that way;
 * `cancel` the symbol's working orders; `entry` (an alert in PropRouter's own format: `event_type` and `side`,
 * no `action` or `sentiment`) the entry of its trade as sent, whatever the account holds (the seed's meaning).
 */
export type PositionAction = 'entry' | 'open' | 'add' | 'exit_trade' | 'close' | 'reduce' | 'cancel';

/**
 * A validated, normalized trading signal (seed field names), as stored in `execution_tasks.payload`.
 * Every field is present; what the sender left out is null or an empty list. Never holds the secret.
 */
export interface Signal {
  trade_id: string;
  event_type: EventType;
  symbol: string;
  /** Required for an `open` entry; an exit closes whatever side its entry opened; `add` may leave it to the position. */
  side: Side | null;
  /** Absent in tasks stored before it existed: `open` for an entry, `exit_trade` for an exit (positionActionOf). */
  position_action?: PositionAction;
  /** The trader's quantity: validated by sizing, never replaced; null = let sizing compute it. */
  quantity: number | null;
  order_type: OrderType;
  entry_price: number | null;
  stop_loss: number | null;
  take_profit: number | null;
  /**
   * A trailing stop loss (`stopLoss.type` trailing_stop): how far it follows the market, as a price distance;
   * `stop_loss` is then where it starts (the risk). Null: a fixed stop, or none. Absent in tasks stored before it.
   */
  trail_distance?: number | null;
  /** Move the stop loss to the entry price once the trade is this many ticks in profit; null: never. */
  break_even_ticks?: number | null;
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

/** The signal's position action; a task stored before the field existed reads as its event's old meaning. */
export function positionActionOf(s: Pick<Signal, 'event_type' | 'position_action'>): PositionAction {
  return s.position_action ?? (s.event_type === 'entry' ? 'entry' : 'exit_trade');
}
