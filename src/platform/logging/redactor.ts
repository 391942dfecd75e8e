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

  // Runs over every connector result (raw request and response): keys are read without Object.entries'
  // pairs, and whether a key names a credential is remembered (payloads reuse a handful of key names).
  private walk(value: unknown, depth: number): unknown {
    if (depth > 20) return REDACTED;
    if (typeof value === 'string') return this.values.length === 0 ? value : this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    if (value && typeof value === 'object') {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(source)) {
        const v = source[k];
        out[k] = v !== null && v !== undefined && isSecretKey(k) ? REDACTED : this.walk(v, depth + 1);
      }
      return out;
    }
    return value;
  }
}

const secretKeyMemo = new Map<string, boolean>();
/** Enough for every key name a platform uses; a flood of odd keys only empties the memo. */
const MEMO_LIMIT = 10_000;

function isSecretKey(key: string): boolean {
  let secret = secretKeyMemo.get(key);
  if (secret === undefined) {
    secret = secretKeySet.has(key.toLowerCase());
    if (secretKeyMemo.size >= MEMO_LIMIT) secretKeyMemo.clear();
    secretKeyMemo.set(key, secret);
  }
  return secret;
}
