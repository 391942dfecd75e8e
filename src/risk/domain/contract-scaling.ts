import type { AccountState } from './account-state';
import type { ContractTier, ProgramLimits } from './program-limits';

/**
 * The program's contract limit on this state's trading day: with scaling tiers, the tier its prior end-of-day
 * balance reached (profit over the account size, a tier reached at exactly its `minProfit`; below every tier,
 * the first), never above `maxContracts`; without tiers, `maxContracts`. The start-of-day balance, not the
 * current one: a firm that scales "only at end of day" keeps the day's level through the day's gains.
 */
export function contractLimitOf(
  program: ProgramLimits,
  state: Pick<AccountState, 'startOfDayBalance'>,
): { limit: number | null; tier: ContractTier | null } {
  const tiers = program.contractScaling ?? [];
  if (tiers.length === 0) return { limit: program.maxContracts, tier: null };
  const profit = state.startOfDayBalance.minus(program.accountSize);
  const sorted = [...tiers].sort((a, b) => a.minProfit.comparedTo(b.minProfit));
  const tier = sorted.filter((t) => profit.gte(t.minProfit)).pop() ?? sorted[0];
  const limit =
    program.maxContracts === null ? tier.maxContracts : Math.min(tier.maxContracts, program.maxContracts);
  return { limit, tier };
}
