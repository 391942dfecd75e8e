/** Read side of the registry, for the other contexts. Numbers are JS numbers (NUMERIC mapped once). */
export interface FirmRecord {
  id: number;
  code: string;
  name: string;
  status: string; // 'active' | anything else = inactive
  meta: Record<string, unknown>;
}

/** One rung of a contract ladder: from `min_profit` (account profit, e.g. end-of-day) up, `max_contracts`. */
export interface ScalingTier {
  min_profit: number;
  max_contracts: number;
}

export type DrawdownType =
  | 'static'
  | 'eod_trailing'
  | 'intraday_trailing'
  | 'eod_trailing_until_lock'
  | 'intraday_trailing_until_lock';

export interface ProgramRecord {
  id: number;
  firmId: number;
  firmCode: string;
  name: string;
  accountSize: number;
  currency: string;
  maxDailyLoss: number | null;
  maxTotalLoss: number | null;
  profitTarget: number | null;
  /** From program meta `drawdown_type`; null when the registry does not say. */
  drawdownType: DrawdownType | null;
  /** From program meta `max_contracts`. */
  maxContracts: number | null;
  /** From program meta `max_risk_percent` (fraction, 0.01 = 1 %). */
  maxRiskPercent: number | null;
  /** From program meta `scaling_ladder`, ascending by min_profit; empty when none. */
  scalingLadder: ScalingTier[];
  meta: Record<string, unknown>;
}

export abstract class ProgramCatalog {
  abstract findFirmByCode(code: string): Promise<FirmRecord | null>;
  /** Firms with status 'active'. */
  abstract listActiveFirms(): Promise<FirmRecord[]>;
  /** Unknown id → null, never a throw (seed `_get_program_by_id_safe`). */
  abstract findProgram(id: number): Promise<ProgramRecord | null>;
  abstract findPrograms(ids: number[]): Promise<Map<number, ProgramRecord>>;
}
