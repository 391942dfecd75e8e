/**
 * The one rule for text that reaches the database. NUL: Postgres text and jsonb cannot hold it. A lone
 * UTF-16 surrogate is not Unicode: pg writes it to a text column as U+FFFD (two distinct values collapse
 * into one) and jsonb refuses its `\ud800` escape (a failed insert). Both are refused with the field's name.
 */
// With the u flag a well-formed pair is one code point: only an unpaired surrogate is in Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/** How many problems one answer lists at most: a 1 MB array of NULs must not become a 1 MB error. */
export const MAX_TEXT_PROBLEMS = 20;

/** What is wrong with `text` under the rule, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired UTF-16 surrogates (not valid Unicode)';
  return null;
}

/**
 * Every string (values and keys) of a parsed JSON value or a query/param value checked, as "path: problem"
 * lines (`reason`, `meta.notes`, `firms[2].name`). `path` names the root; '' for a body's fields.
 */
export function findTextProblems(value: unknown, path = ''): string[] {
  const out: string[] = [];
  if (breaksRule(value, 0)) walk(value, path, out, 0);
  return out;
}

// JSON bodies are capped at parse time (MAX_JSON_DEPTH); this bound only keeps a hand-built value safe.
const MAX_WALK_DEPTH = 256;

/**
 * Whether any string (values and keys) breaks the rule: the same walk as below without building a path for
 * every field, which a clean body (nearly every one) never needs.
 */
function breaksRule(value: unknown, depth: number): boolean {
  if (depth > MAX_WALK_DEPTH) return false;
  if (typeof value === 'string') return textProblem(value) !== null;
  if (Array.isArray(value)) {
    for (const item of value) if (breaksRule(item, depth + 1)) return true;
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object))
      if (textProblem(key) !== null || breaksRule(object[key], depth + 1)) return true;
  }
  return false;
}

function walk(value: unknown, path: string, out: string[], depth: number): void {
  if (out.length >= MAX_TEXT_PROBLEMS || depth > MAX_WALK_DEPTH) return;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out.push(`${printable(path || 'body')}${lineOf(value)}: ${problem}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, out, depth + 1));
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem && out.length < MAX_TEXT_PROBLEMS) out.push(`${printable(at)}: the key ${keyProblem}`);
      walk(item, at, out, depth + 1);
    }
  }
}

/** A path safe to echo in an error: the offending characters shown as U+FFFD. */
function printable(path: string): string {
  return path.replaceAll('\u0000', '\uFFFD').replace(/\p{Cs}/gu, '\uFFFD');
}

/** " (line N)" for a multi-line text (a CSV or text/plain body), so the offending row can be found. */
function lineOf(text: string): string {
  if (!text.includes('\n')) return '';
  const nul = text.indexOf('\u0000');
  const at = nul >= 0 ? nul : (LONE_SURROGATE.exec(text)?.index ?? 0);
  return ` (line ${text.slice(0, at).split('\n').length})`;
}
