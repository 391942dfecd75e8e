import { Inject, Injectable } from '@nestjs/common';
import { AccountStateRepository } from './ports/account-state.repository.port';
import { SyncConfirmationReader, SyncConfirmations } from './ports/sync-confirmations.port';
import { RISK_SYNC_SETTINGS, RiskSyncSettings } from './risk-sync-settings';

/** SyncConfirmationReader on the stored account states (the owner of `confirmed_at`) and SYNC_STALE_MS. */
@Injectable()
export class SyncConfirmationService extends SyncConfirmationReader {
  constructor(
    private readonly states: AccountStateRepository,
    @Inject(RISK_SYNC_SETTINGS) private readonly sync: RiskSyncSettings,
  ) {
    super();
  }

  async confirmations(accountIds: number[]): Promise<SyncConfirmations> {
    const confirmedAt =
      accountIds.length > 0 ? await this.states.confirmedAt(accountIds) : new Map<number, Date>();
    return { confirmedAt, staleAfterMs: this.sync.staleAfterMs };
  }
}
