import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AccountsModule } from './accounts/accounts.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { AuthModule } from './platform/auth/auth.module';
import { GuardsModule } from './guards/guards.module';
import { DatabaseModule } from './platform/database/database.module';
import { NotificationsModule } from './notifications/notifications.module';
import { HealthModule } from './platform/health/health.module';
import { LiveEventsModule } from './platform/live/live-events.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { PlatformModule } from './platform/platform.module';
import { RegistryModule } from './registry/registry.module';
import { RiskModule } from './risk/risk.module';
import { RoutingModule } from './routing/routing.module';
import { SimulatorModule } from './simulator/simulator.module';
import { SizingModule } from './sizing/sizing.module';
import { SyncModule } from './sync/sync.module';

export interface AppModuleOptions {
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static register(opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule,
        DatabaseModule.forUrl(opts.databaseUrl),
        ScheduleModule.forRoot(),
        AuthModule,
        HealthModule,
        LiveEventsModule,
        MetricsModule,
        RegistryModule,
        SizingModule,
        AccountsModule,
        RiskModule,
        ConnectorsModule,
        RoutingModule,
        SyncModule,
        NotificationsModule,
        GuardsModule,
        SimulatorModule,
        DashboardModule,
      ],
    };
  }
}
