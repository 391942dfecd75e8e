import type { AccountState } from '../../domain/account-state';

/** One stored state: firm × program × trading account (accountId 0 = the firm-level state). */
export interface AccountKey {
  firmCode: string;
  programId: number;
  accountId: number;
}

/** The key as one string, e.g. `APEX:4:0`; firm codes are upper-cased. */
export const keyOf = (k: AccountKey): string => `${k.firmCode.toUpperCase()}:${k.programId}:${k.accountId}`;

export interface AccountStatePage {
  total: number;
  items: AccountState[];
}

/** A platform fill to record against a trading account (account_fills), once per platform fill id. */
export interface AccountFillRecord {
  fillId: string;
  orderId: string | null;
  clientOrderId: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  /** Exact decimal text. */
  price: string;
  filledAt: Date;
}

/** Stored account states per firm × program × trading account. */
export abstract class AccountStateRepository {
  /** Every stored state among `keys`, in one query. */
  abstract findMany(keys: AccountKey[]): Promise<AccountState[]>;
  abstract find(key: AccountKey): Promise<AccountState | null>;
  abstract list(limit: number, offset: number): Promise<AccountStatePage>;
  /**
   * Per trading account asked for, when its platform last confirmed its state: the oldest `confirmed_at` among
   * its platform-sourced states; absent when it has none (never synced, or typed in).
   */
  abstract confirmedAt(accountIds: number[]): Promise<Map<number, Date>>;
  /**
   * Read-modify-write under a row lock in one transaction (the row is created from `fresh` when
   * missing), so concurrent writers never lose each other's updates. Stores `change(current).state`.
   */
  abstract update<T extends { state: AccountState }>(
    key: AccountKey,
    fresh: AccountState,
    change: (current: AccountState) => T,
  ): Promise<T>;
  /**
   * As update, and under the same row lock: records `fills` for the key's trading account, skipping the fill
   * ids already recorded, and passes `change` the ids that were new. Two concurrent calls with the same fills
   * see each fill new exactly once.
   */
  abstract updateWithFills<T extends { state: AccountState }>(
    key: AccountKey,
    fresh: AccountState,
    fills: AccountFillRecord[],
    change: (current: AccountState, newFillIds: ReadonlySet<string>) => T,
  ): Promise<T>;
}
