/** A halt recorded for one trading account, and how far it reaches. */
export interface AccountHaltRecord {
  id: number;
  /** `account`: that account alone; `firm`: an `env:{FIRM}` account, whose firm is halted (see AccountHaltService). */
  scope: 'account' | 'firm';
}

export interface AccountHaltRequest {
  accountId: number;
  accountLabel: string;
  firmCode: string;
  /** Why, recorded with the halt (cut to the halt's 500 characters). */
  reason: string;
  /** Who halts: the component, e.g. `protection`, `guard`. */
  by: string;
  /** The halt ends by itself then (e.g. the end of the firm's trading day); absent: until an operator clears it. */
  expiresAt?: Date | null;
}

/**
 * Stops new entries on one trading account (exits still pass; its sibling accounts keep trading), with the
 * reason recorded: what the router does when an entry is left without its stop and cannot be flattened
 * (issue 14, "Protected entries"), and what the guards do after the trade (issue 16).
 */
export abstract class AccountHalts {
  /** Records an active halt covering the account. Throws when it cannot be stored. */
  abstract haltAccount(request: AccountHaltRequest): Promise<AccountHaltRecord>;
}
