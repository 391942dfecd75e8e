import Decimal from 'decimal.js';
import { FuturesSpec } from './contract-specs';
import { dec } from './sizing-decimal';

export interface PointValue {
  value: Decimal;
  source: 'env' | 'contract_spec' | 'seed_default';
  /** The futures root the symbol normalized to; null when unknown. */
  root: string | null;
}

/** Seed 13E's fallback point value ($2/point, an MNQ). */
export const SEED_DEFAULT_POINT_VALUE = 2;

/**
 * Env override, else the symbol's contract spec, else the seed's $2 — but the seed's default applies
 * only when the request names no symbol at all (the seed's engine had no symbol input). A named symbol
 * that is not in the spec table gets null, which the rule turns into an UNKNOWN_SYMBOL rejection
 * whenever it needs a point value: sizing an unknown contract at $2/point could be hundreds of times
 * too large (CL moves $1,000/point), so refusing is safer than guessing.
 */
export function resolvePointValue(
  symbol: string,
  spec: Pick<FuturesSpec, 'root' | 'pointValue'> | null,
  envOverride?: Decimal,
): PointValue | null {
  const root = spec?.root ?? null;
  if (envOverride !== undefined) return { value: dec(envOverride), source: 'env', root };
  if (spec) return { value: dec(spec.pointValue), source: 'contract_spec', root };
  if (symbol.trim() === '')
    return { value: dec(SEED_DEFAULT_POINT_VALUE), source: 'seed_default', root: null };
  return null;
}
