/** Why an account is flattened: an operator, a guard after the trade, the firm's flat-by time, a halt. */
export type FlattenCause = 'operator' | 'guard' | 'flat_by' | 'halt';

export interface FlattenRequest {
  accountId: number;
  cause: FlattenCause;
  /** Human reason, recorded with the flatten and shown in the account.flattened notice. */
  reason: string;
  /** Who asked: a user name for operators, the component otherwise (`guard`, `flat-by`). */
  requestedBy: string;
}

export interface FlattenedPosition {
  symbol: string;
  /** Net quantity closed: positive was long, negative was short. */
  quantity: number;
}

export interface FlattenOutcome {
  accountId: number;
  /** `FLAT`: positions closed and working orders cancelled; `ALREADY_FLAT`: nothing to do; `FAILED`: see error. */
  status: 'FLAT' | 'ALREADY_FLAT' | 'FAILED';
  closed: FlattenedPosition[];
  /** Working orders cancelled at the platform. */
  cancelledOrders: number;
  error: string | null;
}

/**
 * Closes every open position of one trading account and cancels its working orders at its platform, each
 * order recorded like any other; the kill switch's "and close", the guards' and the flat-by time's action
 * (issue 16). Never throws for a platform failure: the outcome says FAILED with the reason.
 */
export abstract class AccountFlattener {
  abstract flatten(request: FlattenRequest): Promise<FlattenOutcome>;
}
