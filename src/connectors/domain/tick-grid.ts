/**
 * Exact decimal arithmetic on order prices in safe integers: each number taken at its decimal text (as
 * decimal.js takes it) and scaled to whole units of the finest decimal place among them. Prices, entries and
 * tick sizes fit; anything that does not (exponent notation, more than MAX_PLACES places, beyond 2^53) is
 * answered null, for the caller's decimal.js path. Two orders of magnitude cheaper than decimal.js per price.
 */
const MAX_PLACES = 9;

export interface WholeUnits {
  units: number[];
  places: number;
}

/** `values` as whole units of one decimal place, or null when that is not exact in safe integers. */
export function wholeUnits(values: readonly number[]): WholeUnits | null {
  const texts: { digits: string; places: number }[] = [];
  let places = 0;
  for (const v of values) {
    const text = decimalText(v);
    if (text === null) return null;
    texts.push(text);
    if (text.places > places) places = text.places;
  }
  const units: number[] = [];
  for (const t of texts) {
    const n = Number(t.digits + '0'.repeat(places - t.places));
    if (!Number.isSafeInteger(n)) return null;
    units.push(n);
  }
  return { units, places };
}

/** Whole `n` divided by whole `d` > 0, rounded to a whole number, a half away from zero (ROUND_HALF_UP). */
export function roundHalfUp(n: number, d: number): number {
  const size = Math.abs(n);
  const rest = size % d;
  const whole = (size - rest) / d + (rest * 2 >= d ? 1 : 0);
  return n < 0 ? -whole : whole;
}

/** The number `units` × 10^-places, as decimal.js's toNumber gives it (the nearest double). */
export function fromUnits(units: number, places: number): number {
  return places === 0 ? units : Number(`${units}e-${places}`);
}

function decimalText(n: number): { digits: string; places: number } | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  if (text.includes('e')) return null;
  const dot = text.indexOf('.');
  if (dot < 0) return { digits: text, places: 0 };
  const places = text.length - dot - 1;
  return places > MAX_PLACES ? null : { digits: text.slice(0, dot) + text.slice(dot + 1), places };
}
