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

/** Stored account states per firm × program × trading account. */
export abstract class AccountStateRepository {
  /** Every stored state among `keys`, in one query. */
  abstract findMany(keys: AccountKey[]): Promise<AccountState[]>;
  abstract find(key: AccountKey): Promise<AccountState | null>;
  abstract list(limit: number, offset: number): Promise<AccountStatePage>;
  /**
   * Read-modify-write under a row lock in one transaction (the row is created from `fresh` when
   * missing), so concurrent writers never lose each other's updates. Stores `change(current).state`.
   */
  abstract update<T extends { state: AccountState }>(
    key: AccountKey,
    fresh: AccountState,
    change: (current: AccountState) => T,
  ): Promise<T>;
}
