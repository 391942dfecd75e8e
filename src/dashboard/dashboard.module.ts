import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { RiskModule } from '../risk/risk.module';
import { RoutingModule } from '../routing/routing.module';
import { SyncModule } from '../sync/sync.module';
import { DashboardController } from './api/dashboard.controller';
import { AccountCards } from './application/account-cards.service';
import { SystemFacts } from './application/ports/system-facts.port';
import { SystemStatus } from './application/system-status.service';
import { EnvSystemFacts } from './infrastructure/config/env-system.facts';

/**
 * The operator dashboard's composite reads (issue 17): account cards and the system page, put together from
 * the ports of the contexts that own each part. Its live stream is the platform's (GET /api/events).
 */
@Module({
  imports: [AccountsModule, RiskModule, RoutingModule, SyncModule],
  controllers: [DashboardController],
  providers: [AccountCards, SystemStatus, { provide: SystemFacts, useClass: EnvSystemFacts }],
})
export class DashboardModule {}
