import { DateTime } from 'luxon';

/**
 * The one parser for dates that arrive from outside (query strings, bodies): luxon's ISO 8601, which knows
 * every form class-validator's IsISO8601 lets through (week dates `2025-W01-1`, ordinal dates `2025-001`,
 * basic and extended forms) where `new Date` answers Invalid Date for some. Anything else is null, so the
 * caller answers 400. Years are kept to 1970–9999: a timestamp column takes them, and nothing this service
 * records happened earlier.
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

const STARTS_WITH_YEAR = /^\d{4}/;

/** An instant: a date, with or without a time and offset (no offset = UTC). */
export function parseIsoInstant(text: unknown): Date | null {
  if (typeof text !== 'string' || text.length > 64 || !STARTS_WITH_YEAR.test(text)) return null;
  const dt = DateTime.fromISO(text, { zone: 'utc' });
  return dt.isValid && dt.year >= MIN_YEAR && dt.year <= MAX_YEAR ? dt.toJSDate() : null;
}

/** A calendar day written `YYYY-MM-DD` that exists (no 2026-02-30). */
export function parseIsoDay(text: unknown): string | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const dt = DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: 'utc' });
  return dt.isValid && dt.year >= MIN_YEAR && dt.year <= MAX_YEAR ? text : null;
}

export const INSTANT_HINT = `an ISO 8601 date-time between ${MIN_YEAR} and ${MAX_YEAR}, e.g. 2025-11-22T14:30:00Z`;
export const DAY_HINT = `a calendar date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}`;
