/** A webhook request PropRouter refused, as the trader reads it back (issue 15: "refused alerts are recorded"). */
export interface WebhookRefusal {
  status: number;
  /** The answer's message, e.g. "Invalid or missing webhook secret …" or "Validation failed". */
  reason: string;
  /** Every problem the answer listed (400s), else empty. */
  problems: string[];
  ip: string;
  path: string;
  /** The body as received, the secret removed, cut to BODY_KEEP characters; null when there was none. */
  body: string | null;
}

export const BODY_KEEP = 4096;
const CUT = '…[truncated]';
const REDACTED = '[REDACTED]';
/** Fields that hold a credential: PropRouter's `secret`, PickMyTrade's `token`. */
const SECRET_KEYS = new Set(['secret', 'token']);

/** What a refusal's answer says: its message and problem list, from the error body PropRouter sent. */
export function refusalReason(status: number, payload: unknown): { reason: string; problems: string[] } {
  let parsed: unknown = payload;
  if (typeof payload === 'string') {
    try {
      parsed = JSON.parse(payload);
    } catch {
      parsed = null;
    }
  }
  const o = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const message = typeof o.message === 'string' ? o.message : `HTTP ${status}`;
  const details = Array.isArray(o.details) ? o.details.filter((d): d is string => typeof d === 'string') : [];
  return {
    reason: storable(message.slice(0, 500)),
    problems: details.slice(0, 50).map((d) => storable(d.slice(0, 500))),
  };
}

/**
 * The body to keep: a JSON object without its `secret` (or PickMyTrade's `token`) field (at any depth); any text with every known
 * secret and the secret it carried replaced; cut to BODY_KEEP characters. Never the secret, whatever the
 * body's shape (a CrossTrade `key=value;` text, a string, a nested object).
 */
export function keptBody(body: unknown, secrets: readonly string[]): string | null {
  if (body === undefined || body === null || body === '') return null;
  const carried = new Set(secrets.filter((s) => s.length > 0));
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    collectSecrets(body, carried, 0);
    text = JSON.stringify(body, (key, value: unknown) => (SECRET_KEYS.has(key) ? REDACTED : value));
  }
  text = storable(text);
  for (const s of [...carried].sort((a, b) => b.length - a.length)) text = text.split(s).join(REDACTED);
  text = text.replace(/((?:secret|token)"?\s*[=:]\s*"?)[^";,&\s}]+/gi, `$1${REDACTED}`);
  return text.length > BODY_KEEP ? text.slice(0, BODY_KEEP - CUT.length) + CUT : text;
}

/** Text Postgres can store as sent: a NUL written as `\\u0000`, a lone surrogate as U+FFFD. */
export function storable(text: string): string {
  return text.replaceAll('\u0000', '\\u0000').replace(LONE_SURROGATE, '\ufffd');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function collectSecrets(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 20 || value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEYS.has(k) && typeof v === 'string' && v.length > 0) into.add(v);
    else collectSecrets(v, into, depth + 1);
  }
}
