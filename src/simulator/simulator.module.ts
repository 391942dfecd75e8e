import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { RegistryModule } from '../registry/registry.module';
import { RiskRulesModule } from '../risk/risk-rules.module';
import { SizingModule } from '../sizing/sizing.module';
import { ReplaySimulator } from './application/ports/replay-simulator.port';
import { ReplaySimulatorService } from './application/replay-simulator.service';
import { SimulatorRuns } from './application/ports/simulator-runs.port';
import { SimulatorRunsService } from './application/simulator-runs.service';
import { SimulatorRunsController } from './api/simulator-runs.controller';
import { PgSimulatorRuns } from './infrastructure/persistence/pg-simulator-runs';

/**
 * The evaluation simulator (issue 19): a trade list × programs → verdicts, with the live risk rules (RuleBook)
 * and the live sizing (PositionSizer). ReplaySimulator is its public entry point.
 */
@Module({
  imports: [RegistryModule, RiskRulesModule, SizingModule, CalendarModule],
  controllers: [SimulatorRunsController],
  providers: [
    { provide: ReplaySimulator, useClass: ReplaySimulatorService },
    { provide: SimulatorRuns, useClass: PgSimulatorRuns },
    SimulatorRunsService,
  ],
  exports: [ReplaySimulator, SimulatorRunsService],
})
export class SimulatorModule {}
