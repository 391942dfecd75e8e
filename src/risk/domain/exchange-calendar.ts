/** A trading day on which the exchange does not trade its regular hours. */
export interface ExchangeDay {
  /** `closed`: no session; `early_close`: the session ends at `close`. */
  kind: 'closed' | 'early_close';
  /** `HH:MM` in the calendar's time zone; null when closed. */
  close: string | null;
  name: string;
  note: string | null;
}

/** An exchange's holidays and early closes, keyed by trading day (`YYYY-MM-DD`), with where they come from. */
export interface ExchangeCalendar {
  exchange: string;
  timeZone: string;
  source: string;
  asOf: string;
  days: Readonly<Record<string, ExchangeDay>>;
}
