/**
 * Whether an account's orders leave the router. EXECUTION_DRY_RUN holds every live platform's orders; a paper
 * account (platform `paper`, issue 19) risks no money, so it trades in dry run too: a trader forward-tests on
 * paper before the first order goes to a firm.
 */
export function ordersGo(dryRun: boolean, platform: string | null): boolean {
  return !dryRun || platform === 'paper';
}
