import type Decimal from 'decimal.js';

/** What a contract is worth per point for one firm × program: the value sizing uses, for the risk gate. */
export abstract class ContractValuation {
  /**
   * `{FIRM}_{PROGRAM_ID}_POINT_VALUE` when configured, else the symbol's contract spec; null when neither
   * knows the symbol (sizing rejects it as UNKNOWN_SYMBOL).
   */
  abstract pointValue(firmCode: string, programId: number, symbol: string): Decimal | null;
}
