import Decimal from 'decimal.js';
import { textProblem } from '../../shared-kernel/text-rule';

const INT4_MAX = 2_147_483_647;
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/**
 * Reads the fields of an unvalidated record and collects every problem as "field: message", so that one
 * answer lists them all. Absent and null are the same: null for optional fields, a problem for required ones.
 */
export class FieldReader {
  readonly problems: string[] = [];

  constructor(private readonly src: Record<string, unknown>) {}

  fail(key: string, message: string): null {
    this.problems.push(`${key}: ${message}`);
    return null;
  }

  private value(key: string, required: boolean | undefined): unknown {
    const v = this.src[key];
    if ((v === undefined || v === null) && required) this.fail(key, 'is required');
    return v ?? null;
  }

  text(
    key: string,
    opts: { max: number; required?: boolean; pattern?: RegExp; hint?: string },
  ): string | null {
    const v = this.value(key, opts.required);
    if (v === null) return null;
    if (typeof v !== 'string' || v.trim() === '') return this.fail(key, 'must be a non-empty string');
    const unsafe = textProblem(v);
    if (unsafe) return this.fail(key, unsafe);
    if (v.length > opts.max) return this.fail(key, `must be at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v))
      return this.fail(key, opts.hint ?? `must match ${opts.pattern}`);
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[], required = true): T | null {
    const v = this.value(key, required);
    if (v === null) return null;
    if (typeof v !== 'string' || !values.includes(v as T))
      return this.fail(key, `must be one of ${values.join(', ')}`);
    return v as T;
  }

  bool(key: string): boolean | null {
    const v = this.value(key, true);
    if (v === null) return null;
    return typeof v === 'boolean' ? v : this.fail(key, 'must be true or false');
  }

  int(key: string, opts: { min: number; max?: number; required?: boolean }): number | null {
    const v = this.value(key, opts.required);
    if (v === null) return null;
    const max = opts.max ?? INT4_MAX;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < opts.min || v > max)
      return this.fail(key, `must be a whole number from ${opts.min} to ${max}`);
    return v;
  }

  /** A decimal given as a JSON number or a decimal string, kept exact; `above` < value ≤ `max`. */
  decimal(key: string, opts: { above: number; max: number; places: number; hint?: string }): Decimal | null {
    const v = this.value(key, false);
    if (v === null) return null;
    const text =
      typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
    const hint = opts.hint ?? `must be a number above ${opts.above} and at most ${opts.max}`;
    if (!DECIMAL_TEXT.test(text) && !/^\d+(\.\d+)?e-\d+$/i.test(text)) return this.fail(key, hint);
    const d = new Decimal(text);
    if (d.lte(opts.above) || d.gt(opts.max)) return this.fail(key, hint);
    if (d.decimalPlaces() > opts.places)
      return this.fail(key, `must have at most ${opts.places} decimal places`);
    return d;
  }

  /** A JSON object (not an array, not null). */
  object(key: string): Record<string, unknown> | null {
    const v = this.value(key, false);
    if (v === null) return null;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(key, 'must be an object');
    return v as Record<string, unknown>;
  }

  array(key: string): unknown[] | null {
    const v = this.value(key, false);
    if (v === null) return null;
    return Array.isArray(v) ? v : this.fail(key, 'must be an array');
  }
}
