/** A halt recorded for one trading account, and how far it reaches. */
export interface AccountHaltRecord {
  id: number;
  /** `firm`: halts are kept per firm or globally, so the account's whole firm is halted (see AccountHaltService). */
  scope: 'firm' | 'global';
}

export interface AccountHaltRequest {
  accountId: number;
  accountLabel: string;
  firmCode: string;
  /** Why, recorded with the halt (cut to the halt's 500 characters). */
  reason: string;
  /** Who halts: the component, e.g. `protection`. */
  by: string;
}

/**
 * Stops new entries on a trading account (exits still pass), with the reason recorded: what the router
 * does when an entry is left without its stop and cannot be flattened either (issue 14, "Protected entries").
 */
export abstract class AccountHalts {
  /** Records an active halt covering the account. Throws when it cannot be stored. */
  abstract haltAccount(request: AccountHaltRequest): Promise<AccountHaltRecord>;
}
