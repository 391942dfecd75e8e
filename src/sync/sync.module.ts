import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from '../accounts/accounts.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { RiskModule } from '../risk/risk.module';
import { RoutingModule } from '../routing/routing.module';
import { SizingModule } from '../sizing/sizing.module';
import { DriftController } from './api/drift.controller';
import { SyncStatusController } from './api/sync-status.controller';
import { AccountSync } from './application/account-sync.service';
import { DriftStore } from './application/ports/drift-store.port';
import { SyncStore } from './application/ports/sync-store.port';
import { Reconciler } from './application/reconciler.service';
import { SyncMetrics } from './application/sync.metrics';
import { SYNC_SETTINGS } from './application/sync-settings';
import { syncConfig } from './infrastructure/config/sync.config';
import { PgDriftStore } from './infrastructure/persistence/pg-drift.store';
import { PgSyncStore } from './infrastructure/persistence/pg-sync.store';

/** Platform sync (issue 14): account state kept from the platforms, per connection, under a lease. */
@Module({
  imports: [
    ConfigModule.forFeature(syncConfig),
    AccountsModule,
    ConnectorsModule,
    RiskModule,
    RoutingModule,
    SizingModule,
  ],
  controllers: [SyncStatusController, DriftController],
  providers: [
    { provide: SYNC_SETTINGS, useExisting: syncConfig.KEY },
    { provide: SyncStore, useClass: PgSyncStore },
    { provide: DriftStore, useClass: PgDriftStore },
    Reconciler,
    AccountSync,
    SyncMetrics,
  ],
  exports: [SyncStore],
})
export class SyncModule {}
