import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { RiskModule } from '../risk/risk.module';
import { RoutingModule } from '../routing/routing.module';
import { FlatByWatchScheduler } from './application/flat-by-watch.scheduler';
import { FlatByWatchService } from './application/flat-by-watch.service';
import { FlatByRuns } from './application/ports/flat-by-runs.port';
import { PgFlatByRuns } from './infrastructure/persistence/pg-flat-by.runs';

/**
 * Guards after the trade and the operator's kill switch (issue 16): flatten on demand, flatten and halt an
 * account whose equity nears a limit, flatten every account of a firm at its flat-by time.
 */
@Module({
  imports: [AccountsModule, RiskModule, RoutingModule],
  providers: [{ provide: FlatByRuns, useClass: PgFlatByRuns }, FlatByWatchService, FlatByWatchScheduler],
})
export class GuardsModule {}
