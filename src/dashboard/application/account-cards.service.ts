import { Injectable } from '@nestjs/common';
import { AccountDirectory, RoutingAccount } from '../../accounts/application/ports/account-directory.port';
import { Clock } from '../../platform/time/clock';
import { AccountOverview, AccountOverviews } from '../../risk/application/ports/account-overviews.port';
import { DueFirmFlatBy, FlatBySchedules } from '../../risk/application/ports/flat-by-schedules.port';
import { HaltView, TradingHalts } from '../../risk/application/ports/trading-halts.port';
import { ConnectionSyncStatus, SyncStore } from '../../sync/application/ports/sync-store.port';
import { haltsReaching } from '../domain/halt-reach';

/** Everything one account's card shows, each part from its owner. */
export interface AccountCard {
  account: RoutingAccount;
  /** Null: no sync for this account's connection (an `env:` account's state is typed in). */
  sync: ConnectionSyncStatus | null;
  /** Null for an account without a program (`env:`): its state is the firm-level one. */
  overview: AccountOverview | null;
  halts: HaltView[];
  /** Set while the firm's flat-by time has passed and its session has not reopened. */
  flatBy: DueFirmFlatBy | null;
}

export interface CardFilter {
  firmCode?: string;
  enabled?: boolean;
}

const MAX_ACTIVE_HALTS = 1000;

@Injectable()
export class AccountCards {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly overviews: AccountOverviews,
    private readonly halts: TradingHalts,
    private readonly flatBy: FlatBySchedules,
    private readonly sync: SyncStore,
    private readonly clock: Clock,
  ) {}

  async list(filter: CardFilter): Promise<AccountCard[]> {
    const accounts = (await this.directory.all()).filter(
      (a) =>
        (filter.firmCode === undefined || a.firmCode === filter.firmCode) &&
        (filter.enabled === undefined || a.enabled === filter.enabled),
    );
    const [active, due, syncs] = await Promise.all([
      this.halts.list(true, MAX_ACTIVE_HALTS, 0),
      this.flatBy.due(this.clock.now()),
      this.sync.list(),
    ]);
    const syncOf = new Map(syncs.map((s) => [s.connectionId, s]));
    const dueOf = new Map(due.map((d) => [d.firmCode, d]));
    const cards: AccountCard[] = [];
    for (const account of accounts) {
      cards.push({
        account,
        sync: syncOf.get(account.connectionId) ?? null,
        overview: await this.overviews.overview(account.id),
        halts: haltsReaching(active.items, account),
        flatBy: dueOf.get(account.firmCode) ?? null,
      });
    }
    return cards;
  }
}
