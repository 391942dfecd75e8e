import Decimal from 'decimal.js';
import { ConfigError } from './config.error';
import { parseBool } from './validate-env';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * The one reader for per-firm variables (`APEX_ENABLED`, `APEX_4_MAX_CONTRACTS`, ...).
 * Missing means "rule off" (undefined); malformed throws a ConfigError naming the variable.
 */
export class FirmEnvReader {
  constructor(private readonly env: EnvSource) {}

  raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  string(name: string): string | undefined {
    return this.raw(name);
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const parsed = parseBool(v, undefined as unknown as boolean);
    if (typeof parsed !== 'boolean') throw new ConfigError(`${name} must be true or false, got "${v}"`);
    return parsed;
  }

  int(name: string, opts: { min?: number } = {}): number | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw new ConfigError(`${name} must be an integer, got "${v}"`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min)
      throw new ConfigError(`${name} must be >= ${opts.min}, got ${v}`);
    return n;
  }

  decimal(name: string, opts: { min?: number; positive?: boolean } = {}): Decimal | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v))
      throw new ConfigError(`${name} must be a number, got "${v}"`);
    const d = new Decimal(v);
    if (opts.positive && d.lte(0)) throw new ConfigError(`${name} must be greater than 0, got ${v}`);
    if (opts.min !== undefined && d.lt(opts.min))
      throw new ConfigError(`${name} must be >= ${opts.min}, got ${v}`);
    return d;
  }

  list(name: string): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }

  /** Every variable name matching `pattern`, for start-up validation of dynamic names. */
  namesMatching(pattern: RegExp): string[] {
    return Object.keys(this.env).filter((k) => pattern.test(k));
  }
}
