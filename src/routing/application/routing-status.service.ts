import { Inject, Injectable } from '@nestjs/common';
import { ExecutionReadModel } from './ports/execution-read-model.port';
import { RoutingStatus, RoutingStatusView } from './ports/routing-status.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

@Injectable()
export class RoutingStatusService extends RoutingStatus {
  constructor(
    private readonly reads: ExecutionReadModel,
    @Inject(ROUTING_SETTINGS) private readonly settings: RoutingSettings,
  ) {
    super();
  }

  async status(): Promise<RoutingStatusView> {
    const queue = await this.reads.queueStats();
    return { dryRun: this.settings.dryRun, routerEnabled: this.settings.routerEnabled, queue };
  }
}
