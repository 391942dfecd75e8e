import Decimal from 'decimal.js';
import { MaxContractsLimit, MaxRiskPercentLimit } from './sizing-limits';

/** Number formatting for reasons a trader reads: `$50,000.00`, `1.5%`, `$20/point`. */
export function money(value: Decimal): string {
  return `${value.isNegative() ? '-' : ''}$${group(value.abs().toFixed(2))}`;
}

export function plain(value: Decimal): string {
  return group(value.toFixed());
}

/** A fraction as a percent, to at most 4 decimals: 0.015 → `1.5%`. */
export function percent(fraction: Decimal): string {
  return `${fraction.times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed()}%`;
}

export function perPoint(pointValue: Decimal): string {
  return `$${plain(pointValue)}/point`;
}

export function contracts(n: number | Decimal): string {
  const text = typeof n === 'number' ? String(n) : n.toFixed();
  return `${text} contract${text === '1' ? '' : 's'}`;
}

export function envName(firmCode: string, programId: number, rule: string): string {
  return `${firmCode.toUpperCase()}_${programId}_${rule}`;
}

export function maxContractsSource(limit: MaxContractsLimit, firmCode: string, programId: number): string {
  if (limit.source === 'env') return envName(firmCode, programId, 'MAX_CONTRACTS');
  if (limit.source === 'scaling_ladder') {
    const from = limit.rung ? money(new Decimal(limit.rung.min_profit)) : 'its first rung';
    return `scaling plan rung from ${from} profit`;
  }
  if (limit.source === 'account') return "the account's max_contracts";
  return 'program limit';
}

export function maxRiskSource(limit: MaxRiskPercentLimit, firmCode: string, programId: number): string {
  if (limit.source === 'env') return envName(firmCode, programId, 'MAX_RISK_PERCENT');
  if (limit.source === 'registry') return 'program limit';
  return 'SIZING_MAX_RISK_PERCENT safety cap';
}

/** Thousands separators on the integer part: `50000.00` → `50,000.00`. */
function group(text: string): string {
  const dot = text.indexOf('.');
  const end = dot === -1 ? text.length : dot;
  const start = text.startsWith('-') ? 1 : 0;
  let out = text.slice(end);
  for (let i = end; i > start; i -= 3)
    out = (i - 3 > start ? ',' : '') + text.slice(Math.max(start, i - 3), i) + out;
  return text.slice(0, start) + out;
}
