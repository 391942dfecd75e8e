import type Decimal from 'decimal.js';
import type { TradingWindow } from './trading-window';

/** One firm's rule configuration from env. A null rule is off (the registry may still supply a limit). */
export interface FirmRiskRules {
  enabled: boolean;
  maxPositionSize: number | null;
  /** Fraction: 0.01 = 1 %. */
  maxRiskPercent: Decimal | null;
  maxDailyLoss: Decimal | null;
  tradingWindow: TradingWindow | null;
  timezone: string;
  /** Roots as normalized by the contract catalog; null = every symbol. */
  supportedSymbols: string[] | null;
}
