import Decimal from 'decimal.js';
import { DateTime } from 'luxon';

/** Collects one file's problems while its rows are read: every bad row and column is named, not only the first. */
export class Problems {
  readonly list: string[] = [];
  add(where: string, what: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${where}: ${what}`);
    else if (this.list.length === MAX_PROBLEMS) this.list.push('… more problems not listed');
  }
}

const MAX_PROBLEMS = 50;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant from a file: ISO 8601 with `Z` or an offset is taken as it says; a local `YYYY-MM-DD HH:MM[:SS]`
 * (what TradingView exports) is read in `zone`.
 */
export function readInstant(text: string | undefined, zone: string): Date | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  if (ZONED.test(t)) {
    const d = DateTime.fromISO(t.replace(' ', 'T'), { setZone: true });
    return d.isValid ? d.toJSDate() : null;
  }
  const m = LOCAL.exec(t);
  if (!m) return null;
  const d = DateTime.fromISO(`${m[1]}T${m[2]}`, { zone });
  return d.isValid ? d.toJSDate() : null;
}

/** An exact decimal from text (thousands separators and a currency sign tolerated); null when it is not one. */
export function readDecimal(text: string | number | undefined | null): Decimal | null {
  if (text === undefined || text === null) return null;
  const t = String(text)
    .trim()
    .replace(/[,$\s]/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  return new Decimal(t);
}

/** A whole number of contracts ≥ 1. */
export function readQuantity(text: string | number | undefined | null): number | null {
  const d = readDecimal(text);
  if (d === null || !d.isInteger() || d.lt(1) || d.gt(1_000_000)) return null;
  return d.toNumber();
}

export function readSide(text: string | undefined | null): 'buy' | 'sell' | null {
  const t = (text ?? '').trim().toLowerCase();
  if (t === 'buy' || t === 'long' || t === 'b') return 'buy';
  if (t === 'sell' || t === 'short' || t === 's') return 'sell';
  return null;
}

/** A header as compared: lower case, spaces, underscores and punctuation folded. */
export function headerKey(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9#%&/]+/g, ' ')
    .trim();
}
