import { SECRET_KEYS } from './logger';

const REDACTED = '[REDACTED]';
const secretKeySet = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

/**
 * The one redactor for anything that leaves the process or is stored (raw requests, responses, payloads):
 * credential-named keys are censored, and any configured secret value is censored wherever it appears.
 */
export class Redactor {
  private readonly values: string[];

  constructor(secretValues: Iterable<string | undefined>) {
    this.values = [...secretValues].filter((v): v is string => typeof v === 'string' && v.length >= 4);
  }

  redact<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  redactText(text: string): string {
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  }

  private walk(value: unknown, depth: number): unknown {
    if (depth > 20) return REDACTED;
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] =
          secretKeySet.has(k.toLowerCase()) && v !== null && v !== undefined
            ? REDACTED
            : this.walk(v, depth + 1);
      }
      return out;
    }
    return value;
  }
}
