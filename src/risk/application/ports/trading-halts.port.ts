import type { HaltScope } from '../../domain/trading-halt';

export type { HaltScope } from '../../domain/trading-halt';

/** What to halt: every firm (neither), one firm, or one trading account; until cleared or `expiresAt`. */
export interface HaltRequest {
  firmCode?: string | null;
  accountId?: number | null;
  expiresAt?: Date | null;
  reason: string;
  by: string;
}

/** A halt as the kill switch shows it: its reach and whether it still holds now. */
export interface HaltView {
  id: number;
  /** Null: every firm; an account halt: the account's firm. */
  firmCode: string | null;
  accountId: number | null;
  scope: HaltScope;
  reason: string;
  /** Neither cleared nor past `expiresAt`. */
  active: boolean;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  clearedBy: string | null;
  clearedAt: Date | null;
}

export interface HaltViewPage {
  total: number;
  items: HaltView[];
}

/**
 * The trading halts (the kill switch's "stop new entries"), for the operator's API: set, list, clear. A halt
 * is effective for the very next risk check. Validation problems throw one AppError naming every field.
 */
export abstract class TradingHalts {
  abstract halt(request: HaltRequest): Promise<HaltView>;
  /** Newest first; `activeOnly`: neither cleared nor past its end. */
  abstract list(activeOnly: boolean, limit: number, offset: number): Promise<HaltViewPage>;
  /**
   * Halts that ended by themselves in the last `withinMs` up to now (their `expiresAt` passed, nobody cleared
   * them), soonest first, at most 100: for the notice that trading is open again.
   */
  abstract expiredRecently(withinMs: number): Promise<(HaltView & { accountLabel: string | null })[]>;
  /** Clears an active halt; not found and already cleared are AppErrors (404, 409). */
  abstract clear(id: number, by: string): Promise<HaltView>;
}
