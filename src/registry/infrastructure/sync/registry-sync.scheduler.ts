import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { RegistrySyncService } from '../../application/registry-sync.service';
import { registryConfig, type RegistryConfig } from '../config/registry.config';

/** With REGISTRY_SYNC_INTERVAL_MS > 0, runs the registry sync on that interval; a failure is logged, not thrown. */
@Injectable()
export class RegistrySyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('RegistrySync');

  constructor(
    private readonly syncs: RegistrySyncService,
    @Inject(registryConfig.KEY) private readonly config: RegistryConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.REGISTRY_SYNC_INTERVAL_MS;
    if (every > 0)
      this.scheduler.addInterval(
        'registry-sync',
        setInterval(() => void this.scheduledSync(), every),
      );
  }

  private async scheduledSync(): Promise<void> {
    try {
      const r = await this.syncs.sync({ dryRun: false });
      this.logger.log(
        `Registry sync: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
      );
    } catch (err) {
      this.logger.error(`Registry sync failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
