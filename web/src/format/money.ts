import Decimal from 'decimal.js';

/**
 * Money and contracts exactly: a value arrives as a decimal string or a JSON number and is formatted as
 * written (decimal.js reads a number by its shortest decimal text), never through float arithmetic.
 */
export type DecimalText = string | number;

export function dec(value: DecimalText): Decimal {
  return new Decimal(value);
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `-1234.5` → `−$1,234.50`; null/absent → `—`. */
export function money(value: DecimalText | null | undefined, currency = '$'): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const [i, f] = d.abs().toFixed(2).split('.');
  return `${d.isNegative() && !d.isZero() ? '−' : ''}${currency}${group(i)}.${f}`;
}

/** Signed money for P&L: `+$250.50`, `−$120.00`. */
export function pnl(value: DecimalText | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const s = money(value);
  return dec(value).isPositive() && !dec(value).isZero() ? `+${s}` : s;
}

/** A price as given, grouped: `21500.25` → `21,500.25`. */
export function price(value: DecimalText | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const d = dec(value);
  const [i, f] = d.abs().toFixed().split('.');
  return `${d.isNegative() ? '−' : ''}${group(i)}${f ? `.${f}` : ''}`;
}

/** Contracts: `2 contracts`, `1 contract`. */
export function contracts(n: DecimalText | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const d = dec(n);
  return `${d.toFixed()} contract${d.abs().eq(1) ? '' : 's'}`;
}

/** A signed position: `long 2 NQ`, `short 1 MNQ`, `flat`. */
export function position(net: DecimalText | null | undefined, symbol?: string | null): string {
  if (net === null || net === undefined || dec(net).isZero()) return 'flat';
  const d = dec(net);
  return `${d.isNegative() ? 'short' : 'long'} ${d.abs().toFixed()}${symbol ? ` ${symbol}` : ''}`;
}

/** A fraction as a percent: `0.01` → `1%`. */
export function percent(value: DecimalText | null | undefined, places = 2): string {
  if (value === null || value === undefined) return '—';
  return `${dec(value).times(100).toDecimalPlaces(places).toFixed()}%`;
}

/** How full a gauge is: left ÷ limit, clamped to 0…1 (for drawing only). */
export function share(
  left: DecimalText | null | undefined,
  limit: DecimalText | null | undefined,
): number | null {
  if (left === null || left === undefined || limit === null || limit === undefined) return null;
  const l = dec(limit);
  if (l.lte(0)) return null;
  return Decimal.min(1, Decimal.max(0, dec(left).div(l))).toNumber();
}
