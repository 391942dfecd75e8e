import type { FlattenOutcome } from '../../../routing/application/ports/account-flattener.port';

export interface FlatByClaim {
  accountId: number;
  firmCode: string;
  tradingDay: string;
  flatByAt: Date;
  now: Date;
}

/**
 * The flat-by flattens done, one per account and trading day (`flat_by_runs`): what makes the watcher act
 * once per account per day across restarts and processes. A claim is won by one process only; a FAILED run
 * is claimable again after a pause (a few attempts), a RUNNING one whose process died after a longer one.
 */
export abstract class FlatByRuns {
  /** True: the caller flattens the account for that day now; false: done, being done or given up. */
  abstract claim(claim: FlatByClaim): Promise<boolean>;
  abstract finish(accountId: number, tradingDay: string, outcome: FlattenOutcome, now: Date): Promise<void>;
}
