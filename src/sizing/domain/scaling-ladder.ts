import { dec } from './sizing-decimal';

/** One rung of a program's contract ladder: from `min_profit` of account profit up, `max_contracts`. */
export interface ScalingRung {
  min_profit: number;
  max_contracts: number;
}

/**
 * The rung that applies at `accountProfit`: the highest rung whose threshold the profit has reached
 * (a threshold is reached at exactly its value). Unknown profit, or profit below every threshold,
 * gives the first rung: a ladder never grants more than its lowest size without evidence of profit.
 */
export function rungFor(ladder: readonly ScalingRung[], accountProfit: number | null): ScalingRung | null {
  if (ladder.length === 0) return null;
  const sorted = [...ladder].sort((a, b) => a.min_profit - b.min_profit);
  if (accountProfit === null || !Number.isFinite(accountProfit)) return sorted[0];
  const profit = dec(accountProfit);
  let current = sorted[0];
  for (const rung of sorted) {
    if (profit.gte(dec(rung.min_profit))) current = rung;
  }
  return current;
}
