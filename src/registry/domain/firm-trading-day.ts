import { FieldCheck, isJsonObject } from './field-check';

/**
 * When a firm's trading day ends and the next begins (its daily loss resets, end-of-day balances are taken):
 * firm `meta.trading_day` = `{reset: "HH:MM", time_zone: IANA zone, source, as_of, note?}`. Futures firms
 * reset at 17:00 America/New_York, FTMO at midnight Europe/Prague, AquaFutures at 21:00 UTC.
 */
export interface FirmTradingDay {
  reset: string;
  time_zone: string;
  source: string;
  as_of: string;
  note: string | null;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every problem with `meta.trading_day`; the parsed value (null when absent or invalid). */
export function parseFirmTradingDay(
  raw: unknown,
  path = 'meta.trading_day',
): { tradingDay: FirmTradingDay | null; problems: string[] } {
  if (raw === undefined || raw === null) return { tradingDay: null, problems: [] };
  if (!isJsonObject(raw)) return { tradingDay: null, problems: [`${path}: must be an object`] };
  const c = new FieldCheck(raw, `${path}.`);
  const reset = c.text('reset', { max: 5, required: true, pattern: HH_MM, hint: 'must be HH:MM (24-hour)' });
  const zone = c.text('time_zone', { max: 64, required: true });
  if (zone !== null && !isTimeZone(zone))
    c.fail('time_zone', 'must be an IANA time zone, e.g. America/New_York');
  const source = c.text('source', { max: 2048, required: true });
  const asOf = c.text('as_of', { max: 255, required: true });
  const note = c.text('note', { max: 10_000 });
  if (c.problems.length) return { tradingDay: null, problems: c.problems };
  return {
    tradingDay: {
      reset: reset as string,
      time_zone: zone as string,
      source: source as string,
      as_of: asOf as string,
      note,
    },
    problems: [],
  };
}
