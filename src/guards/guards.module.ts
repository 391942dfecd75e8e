import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { RoutingModule } from '../routing/routing.module';

/**
 * Guards after the trade and the operator's kill switch (issue 16): flatten on demand, flatten and halt an
 * account whose equity nears a limit, flatten every account of a firm at its flat-by time.
 */
@Module({
  imports: [RiskModule, RoutingModule],
})
export class GuardsModule {}
