import Decimal from 'decimal.js';

/**
 * The sizing context's decimal type. 80 significant digits keep every product of two inputs exact
 * (a JS number has at most 17), and quantities are taken with `divToInt` (truncation), never rounded,
 * so a quotient of 24.99999… can never become 25.
 */
export const SizingDecimal = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_DOWN });

/** A number from the edge keeps the decimal it was written as (`0.29` is 0.29, not 0.28999…). */
export function dec(value: number | string | Decimal): Decimal {
  return new SizingDecimal(value);
}

/** Back to a plain JSON number for results and details. */
export function num(value: Decimal | null): number | null {
  return value === null ? null : value.toNumber();
}
