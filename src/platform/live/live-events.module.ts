import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { liveConfig } from './live.config';
import { LiveEventFeed, LiveEvents } from './live-events';
import { LiveEventsController } from './live-events.controller';
import { PgLiveEventHub } from './pg-live-event.hub';

/** The dashboard's live stream: contexts publish through LiveEvents; GET /api/events subscribes. */
@Global()
@Module({
  imports: [ConfigModule.forFeature(liveConfig)],
  controllers: [LiveEventsController],
  providers: [
    PgLiveEventHub,
    { provide: LiveEvents, useExisting: PgLiveEventHub },
    { provide: LiveEventFeed, useExisting: PgLiveEventHub },
  ],
  exports: [LiveEvents],
})
export class LiveEventsModule {}
