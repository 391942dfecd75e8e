/**
 * How deep a JSON document may nest arrays and objects. The deepest legitimate body (a registry import:
 * document → firms → programs → scaling_rules → meta → ladder step) is under 10 levels; deeper documents
 * only cost stack: class-transformer, class-validator and JSON revivers recurse once per level.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the JSON text nests deeper than `limit`, found by one scan of the text before any parse
 * (brackets inside strings do not count). Stops at the first level past the limit. Malformed text is not
 * judged here: the parser that runs after refuses it.
 */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

export function jsonDepthProblem(field = 'body', limit = MAX_JSON_DEPTH): string {
  return `${field}: JSON nested deeper than ${limit} levels`;
}
