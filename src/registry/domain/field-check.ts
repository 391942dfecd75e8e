import Decimal from 'decimal.js';
import { findTextProblems, textProblem } from '../../shared-kernel/text-rule';
import type { JsonObject } from './registry-records';

const INT_MAX = 2_147_483_647;

interface DecimalRule {
  places: number;
  min?: number;
  max?: number;
  /** true: the value must be greater than `min`, not equal to it. */
  aboveMin?: boolean;
  required?: boolean;
}

/**
 * Reads the fields of an unvalidated record and collects every problem as "field: message", so that one
 * answer lists them all. Missing and null are the same thing: null for optional fields, a problem otherwise.
 */
export class FieldCheck {
  readonly problems: string[] = [];

  constructor(
    private readonly src: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  fail(key: string, message: string): void {
    this.problems.push(`${this.prefix}${key}: ${message}`);
  }

  private present(key: string, required: boolean | undefined): unknown {
    const v = this.src[key];
    if ((v === undefined || v === null) && required) this.fail(key, 'is required');
    return v ?? null;
  }

  text(
    key: string,
    opts: { max: number; required?: boolean; pattern?: RegExp; hint?: string },
  ): string | null {
    const v = this.present(key, opts.required);
    if (v === null) return null;
    if (typeof v !== 'string' || v.trim() === '') return this.reject(key, 'must be a non-empty string');
    const unsafe = textProblem(v);
    if (unsafe) return this.reject(key, unsafe);
    if (v.length > opts.max) return this.reject(key, `must be at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v))
      return this.reject(key, opts.hint ?? `must match ${opts.pattern}`);
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | null {
    const v = this.present(key, true);
    if (v === null) return null;
    if (typeof v !== 'string' || !values.includes(v as T))
      return this.reject(key, `must be one of ${values.join(', ')}`);
    return v as T;
  }

  url(key: string): string | null {
    const v = this.text(key, { max: 2048 });
    if (v === null) return null;
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      ok = false;
    }
    return ok ? v : this.reject(key, 'must be an http(s) URL');
  }

  decimal(key: string, rule: DecimalRule): number | null {
    const v = this.present(key, rule.required);
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.reject(key, 'must be a number');
    if (new Decimal(v).decimalPlaces() > rule.places) {
      return this.reject(key, `must have at most ${rule.places} decimal places`);
    }
    if (rule.min !== undefined && (rule.aboveMin ? v <= rule.min : v < rule.min)) {
      return this.reject(key, `must be ${rule.aboveMin ? 'greater than' : 'at least'} ${rule.min}`);
    }
    if (rule.max !== undefined && v > rule.max) return this.reject(key, `must be at most ${rule.max}`);
    return v;
  }

  int(key: string, opts: { min?: number; max?: number; required?: boolean }): number | null {
    const v = this.present(key, opts.required);
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.reject(key, 'must be an integer');
    if (opts.min !== undefined && v < opts.min) return this.reject(key, `must be at least ${opts.min}`);
    const max = opts.max ?? INT_MAX;
    if (v > max) return this.reject(key, `must be at most ${max}`);
    return v;
  }

  object(key: string): JsonObject {
    const v = this.present(key, false);
    if (v === null) return {};
    if (!isJsonObject(v)) return this.reject(key, 'must be a JSON object') ?? {};
    const unsafe = findTextProblems(v, `${this.prefix}${key}`);
    this.problems.push(...unsafe);
    return unsafe.length ? {} : v;
  }

  private reject(key: string, message: string): null {
    this.fail(key, message);
    return null;
  }
}

/** A value that can be a SERIAL id: looked up only then (a larger one is a database error, not a miss). */
export function isRowId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= INT_MAX;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
