import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { RiskModule } from '../risk/risk.module';
import { ChannelsController } from './api/channels.controller';
import { ChannelAdminService } from './application/channel-admin.service';
import { ChannelDelivery } from './application/channel-delivery';
import { DailySummaryWatch } from './application/daily-summary.watch';
import { DeadManWatch } from './application/dead-man.watch';
import { HaltExpiryWatch } from './application/halt-expiry.watch';
import { LimitWatch } from './application/limit.watch';
import { NotificationSender } from './application/notification-sender';
import { NOTIFY_SETTINGS } from './application/notify-settings';
import { ChannelStore } from './application/ports/channel-store.port';
import { ChannelTransport } from './application/ports/channel-transport.port';
import { Outbox } from './application/ports/outbox.port';
import { ClosedDays } from './application/ports/closed-days.port';
import { PgClosedDays } from './infrastructure/persistence/pg-closed-days';
import { HttpChannelTransport } from './infrastructure/channels/http-channel.transport';
import { notifyConfig } from './infrastructure/config/notify.config';
import { PgChannelStore } from './infrastructure/persistence/pg-channel.store';
import { PgOutbox } from './infrastructure/persistence/pg-outbox';

/**
 * Notifications (issue 18): channels, and a durable outbox filled by database triggers in the transactions
 * of the changes themselves, delivered by one sender per process. Nothing here is on the routing path.
 */
@Module({
  imports: [ConfigModule.forFeature(notifyConfig), RiskModule],
  controllers: [ChannelsController],
  providers: [
    { provide: NOTIFY_SETTINGS, useExisting: notifyConfig.KEY },
    { provide: ChannelStore, useClass: PgChannelStore },
    { provide: Outbox, useClass: PgOutbox },
    { provide: ChannelTransport, useClass: HttpChannelTransport },
    { provide: ClosedDays, useClass: PgClosedDays },
    DailySummaryWatch,
    ChannelDelivery,
    ChannelAdminService,
    DeadManWatch,
    LimitWatch,
    HaltExpiryWatch,
    NotificationSender,
  ],
})
export class NotificationsModule {}
