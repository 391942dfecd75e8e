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

export interface HaltPage {
  total: number;
  items: TradingHalt[];
}

export abstract class HaltRepository {
  abstract create(halt: NewHalt): Promise<TradingHalt>;
  abstract find(id: number): Promise<TradingHalt | null>;
  /** Newest first; `activeOnly`: neither cleared nor past its end at `now`. */
  abstract list(opts: { activeOnly: boolean; limit: number; offset: number; now?: Date }): Promise<HaltPage>;
  /** Clears an active halt; null when it is not active (any more). */
  abstract clear(id: number, clearedBy: string, clearedAt: Date): Promise<TradingHalt | null>;
}
