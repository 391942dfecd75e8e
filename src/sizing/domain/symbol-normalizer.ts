import { FuturesSpec, ROOTS_LONGEST_FIRST, specForRoot } from './contract-specs';

/** CME month codes, January (F) to December (Z). */
const MONTH = '[FGHJKMNQUVXZ]';
/** `H6`, `H26` or `H2026` after the root (Tradovate, ProjectX, CME globex style). */
const CONTRACT_MONTH = new RegExp(`^${MONTH}(\\d|\\d{2}|\\d{4})$`);
/** TradingView continuous contracts: `NQ1!`, `NQ2!`. */
const CONTINUOUS = /^([A-Z0-9]+?)\d{1,2}!$/;
/** NinjaTrader style: `NQ 12-25`. */
const NINJA_MONTH = /^([A-Z0-9]+)\s+\d{2}-\d{2}$/;

/**
 * Maps a TradingView or platform ticker to a futures root from the spec table, or null when unknown.
 * `CME_MINI:NQ1!`, `NQ1!`, `NQZ2025`, `NQZ5`, `nq` → `NQ`; `MNQH26`, `MNQ1!` → `MNQ`.
 * Roots are tried longest first, so a micro (`MNQ`) is never read as another root plus a suffix.
 */
export function normalizeSymbol(symbol: string): string | null {
  const s = stripDecorations(symbol);
  if (s === '') return null;
  if (specForRoot(s)) return s;

  const continuous = CONTINUOUS.exec(s) ?? NINJA_MONTH.exec(s);
  if (continuous) return specForRoot(continuous[1]) ? continuous[1] : null;

  for (const root of ROOTS_LONGEST_FIRST) {
    if (s.startsWith(root) && CONTRACT_MONTH.test(s.slice(root.length))) return root;
  }
  return null;
}

export function specForSymbol(symbolOrRoot: string): FuturesSpec | null {
  const root = normalizeSymbol(symbolOrRoot);
  return root === null ? null : specForRoot(root);
}

/** Upper-cases and drops an exchange prefix (`CME_MINI:`) and a leading `/` or `@` (thinkorswim, IQFeed). */
function stripDecorations(symbol: string): string {
  const upper = symbol.trim().toUpperCase();
  const withoutExchange = upper.slice(upper.lastIndexOf(':') + 1);
  return withoutExchange.replace(/^[/@]/, '').trim();
}
