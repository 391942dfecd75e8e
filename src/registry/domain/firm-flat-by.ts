import { FieldCheck, isJsonObject } from './field-check';
import { isTimeZone } from './firm-trading-day';

export const FLAT_BY_EARLY_CLOSE = ['exchange_close', 'none'] as const;
export type FlatByEarlyClose = (typeof FLAT_BY_EARLY_CLOSE)[number];

/**
 * When a firm wants every position closed each trading day: firm `meta.flat_by` =
 * `{time: "HH:MM", time_zone: IANA zone, early_close: "exchange_close" | "none", source, as_of, note?}`.
 * `early_close` says what the firm does on a CME early-close day: `exchange_close` flattens at the exchange's
 * early close when it comes before `time`; `none` keeps `time`. Topstep 15:10 America/Chicago, Apex 16:59
 * America/New_York.
 */
export interface FirmFlatBy {
  time: string;
  time_zone: string;
  early_close: FlatByEarlyClose;
  source: string;
  as_of: string;
  note: string | null;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every problem with `meta.flat_by`; the parsed value (null when absent or invalid). */
export function parseFirmFlatBy(
  raw: unknown,
  path = 'meta.flat_by',
): { flatBy: FirmFlatBy | null; problems: string[] } {
  if (raw === undefined || raw === null) return { flatBy: null, problems: [] };
  if (!isJsonObject(raw)) return { flatBy: null, problems: [`${path}: must be an object`] };
  const c = new FieldCheck(raw, `${path}.`);
  const time = c.text('time', { max: 5, required: true, pattern: HH_MM, hint: 'must be HH:MM (24-hour)' });
  const zone = c.text('time_zone', { max: 64, required: true });
  if (zone !== null && !isTimeZone(zone))
    c.fail('time_zone', 'must be an IANA time zone, e.g. America/Chicago');
  const earlyClose = c.oneOf('early_close', FLAT_BY_EARLY_CLOSE);
  const source = c.text('source', { max: 2048, required: true });
  const asOf = c.text('as_of', { max: 255, required: true });
  const note = c.text('note', { max: 10_000 });
  if (c.problems.length) return { flatBy: null, problems: c.problems };
  return {
    flatBy: {
      time: time as string,
      time_zone: zone as string,
      early_close: earlyClose as FlatByEarlyClose,
      source: source as string,
      as_of: asOf as string,
      note,
    },
    problems: [],
  };
}
