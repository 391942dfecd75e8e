import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from '../accounts/accounts.module';
import { RiskModule } from '../risk/risk.module';
import { RoutingModule } from '../routing/routing.module';
import { FlattenController } from './api/flatten.controller';
import { HaltController } from './api/halt.controller';
import { KillSwitchAuditController } from './api/kill-switch-audit.controller';
import { KillSwitchAudit } from './application/kill-switch-audit.service';
import { AfterTradeGuard } from './application/after-trade.guard';
import { FlatByWatchScheduler } from './application/flat-by-watch.scheduler';
import { FlatByWatchService } from './application/flat-by-watch.service';
import { KillSwitch } from './application/kill-switch.service';
import { GUARD_SETTINGS } from './application/guard-settings';
import { GuardWatch } from './application/guard.watch';
import { FlatByRuns } from './application/ports/flat-by-runs.port';
import { GuardTrips } from './application/ports/guard-trips.port';
import { guardConfig } from './infrastructure/config/guard.config';
import { PgFlatByRuns } from './infrastructure/persistence/pg-flat-by.runs';
import { PgGuardTrips } from './infrastructure/persistence/pg-guard-trips';

/**
 * Guards after the trade and the operator's kill switch (issue 16): flatten on demand, flatten and halt an
 * account whose equity nears a limit, flatten every account of a firm at its flat-by time.
 */
@Module({
  imports: [ConfigModule.forFeature(guardConfig), AccountsModule, RiskModule, RoutingModule],
  controllers: [HaltController, FlattenController, KillSwitchAuditController],
  providers: [
    KillSwitch,
    KillSwitchAudit,
    { provide: GUARD_SETTINGS, useExisting: guardConfig.KEY },
    { provide: GuardTrips, useClass: PgGuardTrips },
    AfterTradeGuard,
    GuardWatch,
    { provide: FlatByRuns, useClass: PgFlatByRuns },
    FlatByWatchService,
    FlatByWatchScheduler,
  ],
})
export class GuardsModule {}
