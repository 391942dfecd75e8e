import type { TradingHalt } from '../../domain/trading-halt';

export interface NewHalt {
  firmCode: string | null;
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
  abstract list(opts: { activeOnly: boolean; limit: number; offset: number }): Promise<HaltPage>;
  /** Clears an active halt; null when it is not active (any more). */
  abstract clear(id: number, clearedBy: string, clearedAt: Date): Promise<TradingHalt | null>;
}
