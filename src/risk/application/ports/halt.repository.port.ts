import type { TradingHalt } from '../../domain/trading-halt';

export interface NewHalt {
  firmCode: string | null;
  /** A halt on one trading account (`firmCode` is then its firm); absent: firm-wide or global. */
  accountId?: number | null;
  /** Absent: until cleared. */
  expiresAt?: Date | null;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

/** A halt that ended by itself: its `expiresAt` passed before anyone cleared it. */
export interface ExpiredHalt extends TradingHalt {
  expiresAt: Date;
  accountLabel: string | null;
}

export interface HaltPage {
  total: number;
  items: TradingHalt[];
}

/** A position in the order halts end in: (expiresAt, id). */
export interface HaltEndCursor {
  at: Date;
  id: number;
}

/** Every end at or before `at`. */
export function endsThrough(at: Date): HaltEndCursor {
  return { at, id: Number.MAX_SAFE_INTEGER };
}

export abstract class HaltRepository {
  abstract create(halt: NewHalt): Promise<TradingHalt>;
  abstract find(id: number): Promise<TradingHalt | null>;
  /** Newest first; `activeOnly`: neither cleared nor past its end at `now`. */
  abstract list(opts: { activeOnly: boolean; limit: number; offset: number; now?: Date }): Promise<HaltPage>;
  /**
   * Halts never cleared that ended after `after` and by `to`, in (expiresAt, id) order (at most `limit`), with
   * the account's label for an account halt. `after` is a position in that order: a page's last halt (the
   * next page starts after it, so ends at one instant never straddle a page boundary unseen), or an instant
   * with `id` Number.MAX_SAFE_INTEGER (every end at it already counted).
   */
  abstract expiredBetween(after: HaltEndCursor, to: Date, limit: number): Promise<ExpiredHalt[]>;
  /** Clears an active halt; null when it is not active (any more). */
  abstract clear(id: number, clearedBy: string, clearedAt: Date): Promise<TradingHalt | null>;
}
