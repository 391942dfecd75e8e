import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { RegistryModule } from '../registry/registry.module';
import { ContractValuationService } from './application/contract-valuation.service';
import { ContractCatalog } from './application/ports/contract-catalog.port';
import { ContractValuation } from './application/ports/contract-valuation.port';
import { PositionSizer } from './application/ports/position-sizer.port';
import { SizingRuleSource } from './application/ports/sizing-rule-source.port';
import { ProgramSizingService } from './application/program-sizing.service';
import { SpecTableContractCatalog } from './infrastructure/catalog/spec-table-contract-catalog';
import { EnvSizingRules } from './infrastructure/config/env-sizing-rules';
import { sizingConfig } from './infrastructure/config/sizing.config';

/** Position sizing per firm × program (seed 13E) and the contract spec catalogue. */
@Module({
  imports: [RegistryModule, ConfigModule.forFeature(sizingConfig)],
  providers: [
    { provide: ContractCatalog, useClass: SpecTableContractCatalog },
    { provide: SizingRuleSource, useClass: EnvSizingRules },
    { provide: PositionSizer, useClass: ProgramSizingService },
    { provide: ContractValuation, useClass: ContractValuationService },
  ],
  exports: [PositionSizer, ContractCatalog, ContractValuation],
})
export class SizingModule {}
