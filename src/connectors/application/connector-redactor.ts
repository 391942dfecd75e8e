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
    this.learn(collectTokens(value, 0));
    return this.redactor.redact(value);
  }

  redactText(text: string): string {
    return this.redactor.redactText(text);
  }
}

function collectTokens(value: unknown, depth: number): string[] {
  if (depth > 20 || !value || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && TOKEN_KEY.test(k)) found.push(v);
    else found.push(...collectTokens(v, depth + 1));
  }
  return found;
}
