import { Redactor } from '../../platform/logging/redactor';

/** Keys whose string values are session credentials handed out by a platform (tokens), learnt for redaction. */
const TOKEN_KEY = /(token|secret|password|api_?key)$|^sec$/i;
const MIN_LEARNT_LENGTH = 8;

/**
 * The connectors' one redactor: the platform Redactor (credential-named keys, configured secret values),
 * plus every token a platform hands out, learnt from the payloads it sees, so that a token is censored
 * wherever it turns up later (an error text, a log line, another response).
 */
export class ConnectorRedactor {
  private readonly secrets = new Set<string>();
  private redactor: Redactor;

  constructor(secretValues: Iterable<string>) {
    for (const v of secretValues) this.secrets.add(v);
    this.redactor = new Redactor(this.secrets);
  }

  /** Adds secret values (e.g. a session token an adapter obtained). */
  learn(values: Iterable<string | undefined>): void {
    let added = false;
    for (const v of values) {
      if (typeof v === 'string' && v.length >= MIN_LEARNT_LENGTH && !this.secrets.has(v)) {
        this.secrets.add(v);
        added = true;
      }
    }
    if (added) this.redactor = new Redactor(this.secrets);
  }

  /** Adds configured credential values (an API connection's password, key, secret), however short. */
  trust(values: Iterable<string | undefined>): void {
    const before = this.secrets.size;
    for (const v of values) if (typeof v === 'string' && v.length > 0) this.secrets.add(v);
    if (this.secrets.size !== before) this.redactor = new Redactor(this.secrets);
  }

  /** Learns the tokens inside `value`, then returns a redacted copy of it. */
  redact<T>(value: T): T {
    const tokens = collectTokens(value, 0, []);
    if (tokens.length > 0) this.learn(tokens);
    return this.redactor.redact(value);
  }

  redactText(text: string): string {
    return this.redactor.redactText(text);
  }
}

/** The string values under token-named keys anywhere in `value`, pushed onto `found`. */
function collectTokens(value: unknown, depth: number, found: string[]): string[] {
  if (depth > 20 || !value || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const v of value) collectTokens(v, depth + 1, found);
    return found;
  }
  const source = value as Record<string, unknown>;
  for (const k of Object.keys(source)) {
    const v = source[k];
    if (typeof v === 'string' && isTokenKey(k)) found.push(v);
    else collectTokens(v, depth + 1, found);
  }
  return found;
}

const tokenKeyMemo = new Map<string, boolean>();
/** Enough for every key name a platform uses; a flood of odd keys only empties the memo. */
const MEMO_LIMIT = 10_000;

function isTokenKey(key: string): boolean {
  let token = tokenKeyMemo.get(key);
  if (token === undefined) {
    token = TOKEN_KEY.test(key);
    if (tokenKeyMemo.size >= MEMO_LIMIT) tokenKeyMemo.clear();
    tokenKeyMemo.set(key, token);
  }
  return token;
}
