/**
 * Field readers for webhook bodies. Each returns the parsed value, or undefined after pushing one
 * "<field>: <problem>" line, so that a body's every problem is reported at once.
 */
import { textProblem } from '../../shared-kernel/text-rule';

export type Problems = string[];

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const CONTROL_CHARS = /\p{Cc}/u;

export const MAX_PRICE = 1e12;
export const MAX_QUANTITY = 1_000_000;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON number, or a string holding one (TradingView placeholders arrive as strings: "21500.25"). */
export function readNumber(value: unknown, field: string, problems: Problems): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) n = Number(value.trim());
  else {
    problems.push(`${field}: must be a number`);
    return undefined;
  }
  if (!Number.isFinite(n)) {
    problems.push(`${field}: must be a finite number`);
    return undefined;
  }
  return n;
}

export function readPrice(value: unknown, field: string, problems: Problems): number | undefined {
  const n = readNumber(value, field, problems);
  if (n === undefined) return undefined;
  if (n <= 0 || n > MAX_PRICE) {
    problems.push(`${field}: must be a positive number up to ${MAX_PRICE}`);
    return undefined;
  }
  return n;
}

export function readPositiveInt(
  value: unknown,
  field: string,
  problems: Problems,
  max: number,
): number | undefined {
  const n = readNumber(value, field, problems);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    problems.push(`${field}: must be a positive integer up to ${max}`);
    return undefined;
  }
  return n;
}

export function readText(
  value: unknown,
  field: string,
  problems: Problems,
  maxLength: number,
): string | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') {
    problems.push(`${field}: must be a string`);
    return undefined;
  }
  const unsafe = textProblem(text);
  if (unsafe) {
    problems.push(`${field}: ${unsafe}`);
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength || CONTROL_CHARS.test(trimmed)) {
    problems.push(`${field}: must be 1 to ${maxLength} printable characters`);
    return undefined;
  }
  return trimmed;
}

/** One of `allowed`, in any letter case. */
export function readChoice<T extends string>(
  value: unknown,
  field: string,
  problems: Problems,
  allowed: readonly T[],
): T | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T;
  problems.push(`${field}: must be one of ${allowed.join(', ')}`);
  return undefined;
}

/** A JSON array, or a comma-separated string ("APEX, FTMO"). Empty entries are dropped. */
export function readList(
  value: unknown,
  field: string,
  problems: Problems,
  maxItems: number,
): unknown[] | undefined {
  const items = typeof value === 'string' ? value.split(',').filter((s) => s.trim() !== '') : value;
  if (!Array.isArray(items)) {
    problems.push(`${field}: must be a list (a JSON array or a comma-separated string)`);
    return undefined;
  }
  if (items.length > maxItems) {
    problems.push(`${field}: must have at most ${maxItems} entries`);
    return undefined;
  }
  return items;
}

export function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}
