import Decimal from 'decimal.js';
import { ProgramRuleOverrides } from '../../domain/sizing-limits';

/** Configured sizing rules: per firm × program overrides and the global risk cap. Validated at start-up. */
export abstract class SizingRuleSource {
  /** `{FIRM}_{PROGRAM_ID}_*` values for this pair; an empty object when none is set. */
  abstract forProgram(firmCode: string, programId: number): ProgramRuleOverrides;
  /** `SIZING_MAX_RISK_PERCENT`: the cap when neither env nor registry sets one for a program. */
  abstract globalMaxRiskPercent(): Decimal;
}
