import { deny, RuleOutcome } from '../risk-denial';

/**
 * Rule 3: with `{FIRM}_SUPPORTED_SYMBOLS` set, the order's root must be in it.
 * `root` is the normalized root, or the upper-cased symbol when the contract catalog does not know it.
 */
export function checkSupportedSymbol(
  symbol: string,
  root: string,
  supported: readonly string[] | null,
): RuleOutcome {
  if (supported === null || supported.includes(root)) return null;
  return deny('SYMBOL_NOT_SUPPORTED', `Symbol ${symbol} (${root}) is not traded at this firm`, {
    symbol,
    root,
    supported_symbols: [...supported],
  });
}
