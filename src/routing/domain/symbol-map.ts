/**
 * An account's symbol map (`{"NQ":"MNQ"}`: trade micros here when the alert says NQ), applied to the alert's
 * symbol before sizing and risk. A key matches the symbol itself (`NQ`), a TradingView continuous contract
 * (`NQ1!`), or a dated contract (`NQZ5`, `NQZ2025`); the suffix is kept (`MNQ1!`, `MNQZ5`). The longest key
 * wins, so `{"M":"X"}` can never rewrite `MNQ`. No match leaves the symbol as it was.
 */
const CONTRACT_SUFFIX = /^(?:\d{1,2}!|[FGHJKMNQUVXZ]\d{1,4})$/;

export function mapSymbol(map: Readonly<Record<string, string>>, symbol: string): string {
  const upper = symbol.trim().toUpperCase();
  const keys = Object.keys(map).sort((a, b) => b.length - a.length);
  for (const key of keys) {
    const root = key.toUpperCase();
    if (!upper.startsWith(root)) continue;
    const suffix = upper.slice(root.length);
    if (suffix === '' || CONTRACT_SUFFIX.test(suffix)) return `${map[key].toUpperCase()}${suffix}`;
  }
  return symbol;
}
