/**
 * The phase of a trading account at its firm: the accounts context owns accounts, the registry states which
 * program rules apply in which phase (an Alpha "qualified" account is `funded`), the risk gate checks them.
 */
export const ACCOUNT_PHASES = ['evaluation', 'funded', 'live'] as const;
export type AccountPhase = (typeof ACCOUNT_PHASES)[number];
