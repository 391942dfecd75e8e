import type { Problems } from './signal-fields';
import { isPlainObject } from './signal-fields';

type Body = Record<string, unknown>;

/** A placeholder field is named once, as a placeholder, not again as "must be a number". */
export function withPlaceholders(problems: Problems, unreplaced: string[]): Problems {
  if (unreplaced.length === 0) return problems;
  const fields = new Set(unreplaced.map((p) => p.slice(0, p.indexOf(':'))));
  return [...problems.filter((p) => !fields.has(p.slice(0, p.indexOf(':')))), ...unreplaced];
}

/**
 * TradingView replaces `{{ticker}}`, `{{close}}`, `{{strategy.order.action}}` … only in an alert's message
 * box; a template pasted elsewhere, or a placeholder TradingView does not know, arrives as written. Such an
 * alert is refused naming each field, rather than read as a symbol called "{{ticker}}".
 */
export function unreplacedPlaceholders(body: Body, prefix = '', depth = 0): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'secret') continue;
    const field = prefix + key;
    if (typeof value === 'string' && PLACEHOLDER.test(value))
      found.push(
        `${field}: "${value.match(PLACEHOLDER)![0]}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)`,
      );
    else if (isPlainObject(value) && depth < 2)
      found.push(...unreplacedPlaceholders(value, `${field}.`, depth + 1));
  }
  return found;
}

const PLACEHOLDER = /\{\{[^{}]{1,64}\}\}/;
