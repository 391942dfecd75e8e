import type { AccountState } from '../../domain/account-state';

export interface AccountKey {
  firmCode: string;
  programId: number;
}

export interface AccountStatePage {
  total: number;
  items: AccountState[];
}

/** Stored account states per firm × program. */
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
