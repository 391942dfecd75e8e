/**
 * The one owner of what EXECUTION_DRY_RUN holds (issue 19). Dry run holds every order of a live platform's
 * account: nothing is sent, cancelled, closed or re-driven there, and its position is not read to decide a
 * reversal. A paper account (platform `paper`) is simulated — PropRouter is its broker, no money is at risk —
 * so dry run does not stop it: it trades exactly as a live account does with dry run off (entries, exits by
 * trade id or by symbol, reductions, cancels, reversals, re-drives, flattens by the kill switch, the guard or
 * flat-by). A trader forward-tests on paper before the first order goes to a firm.
 */

/** The platforms whose accounts are simulated: dry run does not hold them. */
export const SIMULATED_PLATFORMS: readonly string[] = ['paper'];

/** Whether an account's orders leave the router (its platform, null when not configured). */
export function ordersGo(dryRun: boolean, platform: string | null): boolean {
  return !dryRun || (platform !== null && SIMULATED_PLATFORMS.includes(platform));
}

/** The platforms whose orders leave the router: null = every platform (dry run off). */
export function platformsSending(dryRun: boolean): readonly string[] | null {
  return dryRun ? SIMULATED_PLATFORMS : null;
}
