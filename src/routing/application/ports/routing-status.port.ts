import type { QueueStats } from './execution-read-model.port';

/** What the system page shows of routing: DRY RUN or LIVE, the router on or off, the queue. */
export interface RoutingStatusView {
  dryRun: boolean;
  routerEnabled: boolean;
  queue: QueueStats;
}

export abstract class RoutingStatus {
  abstract status(): Promise<RoutingStatusView>;
}
