import Decimal from 'decimal.js';

/**
 * A platform's money or price field as exact decimal text: a JSON number is taken digit for digit as the
 * platform wrote it (decimal.js reads a number through its shortest round-trip text), never through float
 * arithmetic; numeric text is accepted too. Null when the field is absent, null or not a finite number.
 */
export function decimalText(value: unknown): string | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  let d: Decimal;
  try {
    d = new Decimal(typeof value === 'string' ? value.trim() : value);
  } catch {
    return null;
  }
  if (!d.isFinite()) return null;
  return d.isZero() ? '0' : d.toFixed();
}

/** Oldest first (by instant, then by fill id), each fill id once: platforms do list a fill twice. */
export function orderFills<T extends { fillId: string; filledAt: string }>(fills: T[]): T[] {
  const seen = new Set<string>();
  const unique = fills.filter((f) => !seen.has(f.fillId) && seen.add(f.fillId));
  return unique.sort(
    (a, b) =>
      Date.parse(a.filledAt) - Date.parse(b.filledAt) ||
      a.fillId.localeCompare(b.fillId, 'en', { numeric: true }),
  );
}

/** Whether an ISO instant is at or after the cursor (every fill when there is none). */
export function since(filledAt: string, cursor: Date | null): boolean {
  return cursor === null || Date.parse(filledAt) >= cursor.getTime();
}
