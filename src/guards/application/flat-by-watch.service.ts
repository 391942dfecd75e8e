import { Injectable, Logger } from '@nestjs/common';
import { AccountDirectory, RoutingAccount } from '../../accounts/application/ports/account-directory.port';
import { Clock } from '../../platform/time/clock';
import { DueFirmFlatBy, FlatBySchedules } from '../../risk/application/ports/flat-by-schedules.port';
import { AccountFlattener, FlattenOutcome } from '../../routing/application/ports/account-flattener.port';
import { FlatByRuns } from './ports/flat-by-runs.port';

/**
 * The flat-by watch (issue 16): for every firm whose flat-by time has passed and whose session has not
 * reopened (FlatBySchedules), flattens each trading account of the firm (enabled or not) once for that trading day
 * (FlatByRuns: across restarts and processes). The risk gate refuses the firm's entries meanwhile (FLAT_BY).
 */
@Injectable()
export class FlatByWatchService {
  private readonly log = new Logger('FlatByWatch');

  constructor(
    private readonly schedules: FlatBySchedules,
    private readonly directory: AccountDirectory,
    private readonly flattener: AccountFlattener,
    private readonly runs: FlatByRuns,
    private readonly clock: Clock,
  ) {}

  /** One round; the outcomes of the flattens it ran (none when nothing was due or all were done). */
  async check(): Promise<FlattenOutcome[]> {
    const now = this.clock.now();
    const outcomes: FlattenOutcome[] = [];
    for (const due of await this.schedules.due(now)) {
      const accounts = await this.accountsOf(due.firmCode);
      const ran = await Promise.all(accounts.map((a) => this.flattenOnce(a, due, now)));
      outcomes.push(...ran.filter((o): o is FlattenOutcome => o !== null));
    }
    return outcomes;
  }

  /**
   * The firm's accounts that have a platform to flatten at, disabled ones too: disabling an account stops
   * new signals reaching it, not the firm's flat-by rule applying to what it still holds.
   */
  private async accountsOf(firmCode: string): Promise<RoutingAccount[]> {
    const found = await this.directory.resolveTargets(
      { accounts: [], tags: [], firmCodes: [firmCode], programIds: [] },
      { includeDisabled: true },
    );
    return found.ok
      ? found.accounts.filter((a) => a.platform !== null && a.firmCode.toUpperCase() === firmCode)
      : [];
  }

  private async flattenOnce(
    account: RoutingAccount,
    due: DueFirmFlatBy,
    now: Date,
  ): Promise<FlattenOutcome | null> {
    const claim = {
      accountId: account.id,
      firmCode: due.firmCode,
      tradingDay: due.tradingDay,
      flatByAt: due.flatByAt,
      now,
    };
    if (!(await this.runs.claim(claim))) return null;
    const outcome = await this.flattener
      .flatten({
        accountId: account.id,
        cause: 'flat_by',
        reason: `${due.firmCode} flat-by ${due.flatBy} (trading day ${due.tradingDay}); entries reopen at ${due.reopensAt.toISOString()}`,
        requestedBy: 'flat-by',
      })
      .catch((error: unknown): FlattenOutcome => ({
        accountId: account.id,
        status: 'FAILED',
        closed: [],
        cancelledOrders: 0,
        error: error instanceof Error ? error.message : String(error),
        flattenId: null,
      }));
    await this.runs.finish(account.id, due.tradingDay, outcome, this.clock.now());
    if (outcome.status === 'FAILED')
      this.log.warn(`flat-by flatten of account ${account.label} (${due.firmCode}) failed: ${outcome.error}`);
    return outcome;
  }
}
