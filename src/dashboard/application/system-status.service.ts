import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { Clock } from '../../platform/time/clock';
import { RoutingStatus, RoutingStatusView } from '../../routing/application/ports/routing-status.port';
import { ConfigEntry, SystemFacts } from './ports/system-facts.port';

export interface SystemView {
  version: string;
  startedAt: Date;
  uptimeSeconds: number;
  nodeVersion: string;
  routing: RoutingStatusView;
  accounts: { total: number; enabled: number };
  config: ConfigEntry[];
}

/** The system page's own facts (connectors and sync have their status routes: /api/connectors/status, /api/sync/status). */
@Injectable()
export class SystemStatus {
  constructor(
    private readonly facts: SystemFacts,
    private readonly routing: RoutingStatus,
    private readonly directory: AccountDirectory,
    private readonly clock: Clock,
  ) {}

  async view(): Promise<SystemView> {
    const [routing, accounts] = await Promise.all([this.routing.status(), this.directory.all()]);
    const startedAt = this.facts.startedAt();
    return {
      version: this.facts.version(),
      startedAt,
      uptimeSeconds: Math.max(0, Math.floor((this.clock.now().getTime() - startedAt.getTime()) / 1000)),
      nodeVersion: process.version,
      routing,
      accounts: { total: accounts.length, enabled: accounts.filter((a) => a.enabled).length },
      config: this.facts.config(),
    };
  }
}
