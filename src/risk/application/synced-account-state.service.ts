import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Clock } from '../../platform/time/clock';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import type { PlatformAccountSnapshot } from '../../shared-kernel/platform-state';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { freshAccount } from '../domain/account-state';
import { foldPlatformRead, PlatformReading, SyncedFill } from '../domain/platform-sync';
import { TradingDayPolicy, tradingDayOf } from '../domain/trading-day';
import { AccountFillRecord, AccountStateRepository } from './ports/account-state.repository.port';
import { SyncApplied, SyncedAccountRef, SyncedAccountState } from './ports/synced-account-state.port';
import { toProgramLimits } from './program-limits.mapper';
import { parseSnapshot } from './platform-snapshot.parser';
import { firmPolicy } from './firm-trading-day';
import { SyncedStateChangeHub } from './synced-state-change.hub';
import { TRADING_DAY_POLICY } from './trading-day-policy.token';

/**
 * SyncedAccountState: one platform read folded into the trading account's state, in one transaction under
 * the state's row lock (concurrent applies never lose each other's updates): the fills recorded once per
 * platform fill id, only the new ones folded (foldPlatformRead), the state marked `platform`; once committed,
 * SyncedStateChanges tells the guards.
 */
@Injectable()
export class SyncedAccountStateService extends SyncedAccountState {
  constructor(
    private readonly repo: AccountStateRepository,
    private readonly catalog: ProgramCatalog,
    private readonly contracts: ContractCatalog,
    private readonly clock: Clock,
    @Inject(TRADING_DAY_POLICY) private readonly policy: TradingDayPolicy,
    private readonly changes: SyncedStateChangeHub,
  ) {
    super();
  }

  async apply(account: SyncedAccountRef, snapshot: PlatformAccountSnapshot): Promise<SyncApplied> {
    const firmCode = account.firmCode.toUpperCase();
    const record = await this.catalog.findProgram(account.programId);
    const program = record ? toProgramLimits(record) : null;
    if (!program || program.firmCode !== firmCode) {
      throw new Error(
        `program ${account.programId} of firm ${firmCode} is unknown: account ${account.accountId} not synced`,
      );
    }
    const parsed = parseSnapshot(snapshot, account.accountId);
    const now = this.clock.now();
    const policy = await firmPolicy(this.catalog, firmCode, this.policy);
    const today = tradingDayOf(now, policy);
    const fills: SyncedFill[] = parsed.fills.map((f) => ({
      fillId: f.fillId,
      symbol: f.symbol,
      side: f.side === 'BUY' ? 'buy' : 'sell',
      quantity: f.quantity,
      price: new Decimal(f.price),
      filledAt: f.filledAt,
      tradingDay: tradingDayOf(f.filledAt, policy),
      pointValue: this.pointValue(f.symbol),
    }));
    const reading: PlatformReading = { ...parsed.reading, rootOf: (s) => this.contracts.normalize(s) };
    const key = { firmCode, programId: program.programId, accountId: account.accountId };
    const fresh = freshAccount(program, today, now, account.accountId);
    const { state, applied } = await this.repo.updateWithFills(
      key,
      fresh,
      parsed.fills satisfies AccountFillRecord[],
      (current, isNew) => {
        const newFills = fills.filter((f) => isNew.has(f.fillId));
        return { ...foldPlatformRead(current, newFills, reading, today, now), applied: newFills.length };
      },
    );
    this.changes.publish(account.accountId);
    return { newFills: applied, balance: state.balance.toFixed(), openPnl: state.openPnl.toFixed() };
  }

  private pointValue(symbol: string): Decimal | null {
    const spec = this.contracts.spec(symbol);
    return spec ? new Decimal(spec.pointValue) : null;
  }
}
