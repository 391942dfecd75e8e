import { Injectable } from '@nestjs/common';
import type Decimal from 'decimal.js';
import { resolvePointValue } from '../domain/point-value';
import { ContractCatalog } from './ports/contract-catalog.port';
import { ContractValuation } from './ports/contract-valuation.port';
import { SizingRuleSource } from './ports/sizing-rule-source.port';

/** The point value ProgramSizingService sizes with (resolvePointValue over the same env and spec table). */
@Injectable()
export class ContractValuationService extends ContractValuation {
  constructor(
    private readonly contracts: ContractCatalog,
    private readonly rules: SizingRuleSource,
  ) {
    super();
  }

  pointValue(firmCode: string, programId: number, symbol: string): Decimal | null {
    const env = this.rules.forProgram(firmCode, programId);
    return resolvePointValue(symbol, this.contracts.spec(symbol), env.pointValue)?.value ?? null;
  }
}
