import type Decimal from 'decimal.js';
import type { GuardRule } from '../../domain/guard-trip';

/** A breach the guard acts on: one per account, limit and trading day. */
export interface NewGuardTrip {
  accountId: number;
  rule: GuardRule;
  tradingDay: string;
  equity: Decimal;
  limit: Decimal;
  roomLeft: Decimal;
  buffer: Decimal;
  reason: string;
  /** When the halt ends by itself (the firm's trading day end); null: until an operator clears it. */
  haltUntil: Date | null;
}

/** A trip claimed by this process, with the steps already done (by it or a process that died). */
export interface ClaimedGuardTrip extends NewGuardTrip {
  id: number;
  haltId: number | null;
  /** The flatten's outcome once it succeeded (`FLAT`, `ALREADY_FLAT`, `DRY_RUN`); null: still to do. */
  flattenStatus: string | null;
}

/**
 * The record of the guard's trips (`guard_trips`): recorded once per account, rule and trading day, claimed
 * under a lease so that one process acts on it, completed step by step so that a restart finishes it.
 */
export abstract class GuardTrips {
  /**
   * Records the trip and claims it, or claims the unfinished record of the same breach whose lease lapsed;
   * null when that breach is done or another process holds it.
   */
  abstract claim(trip: NewGuardTrip, holder: string, leaseMs: number): Promise<ClaimedGuardTrip | null>;
  /** Unfinished trips due again (a failed step's retry time passed, or their holder died), claimed. */
  abstract claimDue(holder: string, leaseMs: number, limit: number): Promise<ClaimedGuardTrip[]>;
  abstract halted(id: number, holder: string, haltId: number): Promise<void>;
  /** The flatten succeeded: the trip is complete. */
  abstract completed(
    id: number,
    holder: string,
    flattenStatus: string,
    flattenId: number | null,
  ): Promise<void>;
  /** A step failed: recorded, and the trip is due again after `retryMs`. */
  abstract failed(id: number, holder: string, error: string, retryMs: number): Promise<void>;
}
