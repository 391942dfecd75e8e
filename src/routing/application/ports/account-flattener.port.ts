/** Why an account is flattened: an operator, a guard after the trade, the firm's flat-by time, a halt. */
export type FlattenCause = 'operator' | 'guard' | 'flat_by' | 'halt';
export const FLATTEN_CAUSES: readonly FlattenCause[] = ['operator', 'guard', 'flat_by', 'halt'];

export interface FlattenRequest {
  accountId: number;
  cause: FlattenCause;
  /** Human reason, recorded with the flatten and shown in the account.flattened notice. */
  reason: string;
  /** Who asked: a user name for operators, the component otherwise (`guard`, `flat-by`). */
  requestedBy: string;
}

export interface FlattenedPosition {
  /** The platform's contract, as it names it (e.g. `MNQZ5`). */
  symbol: string;
  /** Net quantity closed: positive was long, negative was short. */
  quantity: number;
}

/**
 * `FLAT`: every position closed and every working order cancelled; `ALREADY_FLAT`: nothing was open;
 * `DRY_RUN`: EXECUTION_DRY_RUN held the orders (recorded, not sent): `closed` and `cancelledOrders` say what
 * would have been done; `FAILED`: see `error` (the account may still hold some of it).
 */
export type FlattenStatus = 'FLAT' | 'ALREADY_FLAT' | 'DRY_RUN' | 'FAILED';
export const FLATTEN_STATUSES: readonly FlattenStatus[] = ['FLAT', 'ALREADY_FLAT', 'DRY_RUN', 'FAILED'];

export interface FlattenOutcome {
  accountId: number;
  status: FlattenStatus;
  closed: FlattenedPosition[];
  /** Working orders cancelled at the platform. */
  cancelledOrders: number;
  error: string | null;
  /** The `account_flattens` row that records it; null when nothing could be recorded (no such account). */
  flattenId: number | null;
}

/**
 * Closes every open position of one trading account and cancels its working orders at its platform, each
 * order recorded like any other; the kill switch's "and close", the guards' and the flat-by time's action
 * (issue 16). Never throws for a platform failure: the outcome says FAILED with the reason.
 */
export abstract class AccountFlattener {
  abstract flatten(request: FlattenRequest): Promise<FlattenOutcome>;
}
