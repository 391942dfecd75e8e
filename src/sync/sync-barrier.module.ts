import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { RiskModule } from '../risk/risk.module';
import { SyncBarrier } from '../routing/application/ports/sync-barrier.port';
import { StartupSyncBarrier } from './application/startup-sync.barrier';
import { SYNC_SETTINGS } from './application/sync-settings';
import { syncConfig } from './infrastructure/config/sync.config';

/**
 * The sync's promise to routing (issue 14: "a restart resynchronises before the router sends anything"):
 * the SyncBarrier, on risk's confirmations. A module of its own because routing needs it while the sync
 * needs routing's record of routed trades (reconciliation): SyncModule → RoutingModule → SyncBarrierModule,
 * no cycle.
 */
@Module({
  imports: [ConfigModule.forFeature(syncConfig), RiskModule],
  providers: [
    { provide: SYNC_SETTINGS, useExisting: syncConfig.KEY },
    { provide: SyncBarrier, useClass: StartupSyncBarrier },
  ],
  exports: [SyncBarrier],
})
export class SyncBarrierModule {}
