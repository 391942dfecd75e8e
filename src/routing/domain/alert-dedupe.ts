import { createHash } from 'node:crypto';
import type { EventType, Signal } from './signal';
import { present, Problems, readText } from './signal-fields';

/** ALERT_DEDUPE_WINDOW_S: how long an alert's key catches a repeat of it (TradingView double-fires: seconds). */
export const DEFAULT_DEDUPE_WINDOW_S = 60;
export const MAX_DEDUPE_WINDOW_S = 86_400;

/**
 * What makes two alerts the same alert (README "Alert semantics", Repeats). Exactly one of `trade_id` and
 * `body_hash` is set ('' for the other): the trade id the sender gave, or, without one, a hash of everything
 * the normalized alert says. `alert_time` ('' when none) is the sender's `time` / `timenow`.
 */
export interface AlertKey {
  event_type: EventType;
  trade_id: string;
  body_hash: string;
  alert_time: string;
  /**
   * The alerts whose arrival ends a key's dedupe when it has no alert time: the same trade id (a strategy's
   * exit between two "Long" entries), or, without one, the same symbol for the same targets.
   */
  scope: string;
}

/** The alert's own time (`time` or `timenow`, e.g. TradingView's `{{timenow}}`), null when it sends none. */
export function readAlertTime(body: Record<string, unknown>, problems: Problems): string | null {
  const fields = (['time', 'timenow'] as const).filter((f) => present(body[f]));
  if (fields.length === 0) return null;
  if (fields.length > 1) {
    problems.push('time: give the alert time once (time or timenow, not both)');
    return null;
  }
  return readText(body[fields[0]], fields[0], problems, 64) ?? null;
}

/** The alert's key; `tradeIdGiven` false when the signal's trade_id was generated at intake. */
export function alertKey(signal: Signal, tradeIdGiven: boolean, alertTime: string | null): AlertKey {
  const time = alertTime ?? '';
  if (tradeIdGiven) {
    return {
      event_type: signal.event_type,
      trade_id: signal.trade_id,
      body_hash: '',
      alert_time: time,
      scope: `trade:${signal.trade_id}`,
    };
  }
  const said = { ...signal, trade_id: null };
  const targets = [signal.accounts, signal.account_tags, signal.firm_codes, signal.program_ids];
  return {
    event_type: signal.event_type,
    trade_id: '',
    body_hash: sha256(canonical(said)),
    alert_time: time,
    scope: `alert:${sha256(canonical([signal.symbol.toUpperCase(), ...targets]))}`,
  };
}

/** The earlier alert with the same key, as `alert_dedupe` holds it. */
export interface EarlierAlert {
  receivedAt: Date;
  /** It carried an alert time: the key names one alert, whatever came since. */
  timed: boolean;
  /** Another alert of its scope (another key) was accepted after it. */
  otherSince: boolean;
}

/**
 * A repeat (answered 200 `duplicate`, nothing queued): the same key accepted less than `windowS` before, and,
 * for an alert without a time, nothing else of its trade accepted since. At exactly `windowS` it is new.
 * The intake's statement (INSERT_MANY) applies this rule in SQL, against the database's clock.
 */
export function isRepeat(earlier: EarlierAlert, now: Date, windowS: number): boolean {
  const within = now.getTime() - earlier.receivedAt.getTime() < windowS * 1000;
  return within && (earlier.timed || !earlier.otherSince);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted: the same alert hashes the same whatever order its fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
