import { PositionActions } from './application/position-actions';
import { ProtectionResizer } from './application/protection-resizer';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { RegistryModule } from '../registry/registry.module';
import { RiskModule } from '../risk/risk.module';
import { SizingModule } from '../sizing/sizing.module';
import { SyncBarrierModule } from '../sync/sync-barrier.module';
import { ExecutionController } from './api/execution.controller';
import { WebhookController } from './api/webhook.controller';
import { WebhookDirectRoute } from './api/webhook.direct-route';
import { EntryDecisions } from './application/entry-decisions';
import { ExecutionMonitor } from './application/execution-monitor.service';
import { AccountLocks } from './application/ports/account-locks.port';
import { OrderExecutor } from './application/order-executor';
import { EntryProtection } from './application/entry-protection';
import { AccountFlattenerService } from './application/account-flattener.service';
import { AccountFlattener } from './application/ports/account-flattener.port';
import { FlattenRecords } from './application/ports/flatten-records.port';
import { FlattenHistory } from './application/ports/flatten-history.port';
import { RoutingStatus } from './application/ports/routing-status.port';
import { RoutingStatusService } from './application/routing-status.service';
import { PgFlattenRecords } from './infrastructure/persistence/pg-flatten.records';
import { ExecutionReadModel } from './application/ports/execution-read-model.port';
import { OrderStore } from './application/ports/order-store.port';
import { RoutedTrades } from './application/ports/routed-trades.port';
import { OrderRetryStore } from './application/ports/order-retry.store.port';
import { OrderRedriver } from './application/order-redriver.service';
import { PgOrderRetryStore } from './infrastructure/persistence/pg-order-retry.store';
import { TaskHandoff } from './application/ports/task-handoff.port';
import { TaskNotifications } from './application/ports/task-notifications.port';
import { TaskQueue } from './application/ports/task-queue.port';
import { RouterHandoff } from './application/router-handoff';
import { RouterLoop } from './application/router-loop.service';
import { ROUTING_SETTINGS } from './application/routing-settings';
import { SignalIntake } from './application/signal-intake.service';
import { TaskPipeline } from './application/task-pipeline';
import { TaskRunner } from './application/task-runner';
import { ExecutionLogEntity } from './infrastructure/persistence/execution-log.entity';
import { ExecutionTaskEntity } from './infrastructure/persistence/execution-task.entity';
import { OrderEntity } from './infrastructure/persistence/order.entity';
import { PgAccountLocks } from './infrastructure/persistence/pg-account.locks';
import { PgOrderStore } from './infrastructure/persistence/pg-order.store';
import { PgRoutedTradesStore } from './infrastructure/persistence/pg-routed-trades.store';
import { PgTaskQueue } from './infrastructure/persistence/pg-task.queue';
import { TypeOrmExecutionReadModel } from './infrastructure/persistence/typeorm-execution.read-model';
import { PgTaskNotifications } from './infrastructure/pg-task.notifications';
import { routingConfig } from './infrastructure/config/routing.config';

/** Webhook intake, the durable task queue, the router loop, orders and the monitoring API. */
import { WebhookRefusalsController } from './api/webhook-refusals.controller';
import { WebhookRefusalStore } from './application/ports/webhook-refusal.store.port';
import { WebhookRefusals } from './application/webhook-refusals.service';
import { WebhookRefusalHook } from './infrastructure/http/webhook-refusal.hook';
import { PgWebhookRefusalStore } from './infrastructure/persistence/pg-webhook-refusal.store';

@Module({
  imports: [
    ConfigModule.forFeature(routingConfig),
    TypeOrmModule.forFeature([ExecutionTaskEntity, ExecutionLogEntity, OrderEntity]),
    AccountsModule,
    RegistryModule,
    SizingModule,
    RiskModule,
    ConnectorsModule,
    SyncBarrierModule,
  ],
  controllers: [WebhookController, WebhookRefusalsController, ExecutionController],
  providers: [
    { provide: WebhookRefusalStore, useClass: PgWebhookRefusalStore },
    WebhookRefusals,
    WebhookRefusalHook,
    WebhookDirectRoute,
    { provide: ROUTING_SETTINGS, useExisting: routingConfig.KEY },
    { provide: TaskQueue, useClass: PgTaskQueue },
    { provide: OrderStore, useClass: PgOrderStore },
    { provide: RoutedTrades, useClass: PgRoutedTradesStore },
    { provide: AccountLocks, useClass: PgAccountLocks },
    EntryDecisions,
    { provide: OrderRetryStore, useClass: PgOrderRetryStore },
    OrderRedriver,
    { provide: ExecutionReadModel, useClass: TypeOrmExecutionReadModel },
    { provide: TaskNotifications, useClass: PgTaskNotifications },
    SignalIntake,
    OrderExecutor,
    EntryProtection,
    TaskPipeline,
    PositionActions,
    ProtectionResizer,
    TaskRunner,
    RouterLoop,
    { provide: TaskHandoff, useClass: RouterHandoff },
    ExecutionMonitor,
    { provide: RoutingStatus, useClass: RoutingStatusService },
    PgFlattenRecords,
    { provide: FlattenRecords, useExisting: PgFlattenRecords },
    { provide: FlattenHistory, useExisting: PgFlattenRecords },
    { provide: AccountFlattener, useClass: AccountFlattenerService },
  ],
  exports: [RoutedTrades, AccountFlattener, FlattenHistory, RoutingStatus],
})
export class RoutingModule implements NestModule {
  constructor(private readonly webhookRoute: WebhookDirectRoute) {}

  /** Nest calls this before it registers the controllers' routes: the webhook's handler is replaced then. */
  configure(_consumer: MiddlewareConsumer): void {
    this.webhookRoute.install();
  }
}
