import Decimal from 'decimal.js';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type { ProgramLimits } from '../domain/program-limits';

const dec = (n: number | null): Decimal | null => (n === null || n === undefined ? null : new Decimal(n));

/** The registry's program (JS numbers) as the risk rules' limits (decimals). */
export function toProgramLimits(p: ProgramRecord): ProgramLimits {
  return {
    programId: p.id,
    firmCode: p.firmCode.toUpperCase(),
    accountSize: new Decimal(p.accountSize),
    maxDailyLoss: dec(p.maxDailyLoss),
    maxTotalLoss: dec(p.maxTotalLoss),
    drawdownType: p.drawdownType,
    maxContracts: p.maxContracts,
    maxRiskPercent: dec(p.maxRiskPercent),
  };
}
