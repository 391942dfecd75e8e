import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NewsCalendar } from '../risk/application/ports/news-calendar.port';
import { CalendarController } from './api/calendar.controller';
import { CalendarImportService } from './application/calendar-import.service';
import { CachedNewsCalendar } from './application/news-calendar.service';
import { CalendarEventStore } from './application/ports/calendar-event.store.port';
import { CalendarSource } from './application/ports/calendar-source.port';
import { EconomicEventEntity } from './infrastructure/persistence/economic-event.entity';
import { TypeOrmCalendarEventStore } from './infrastructure/persistence/typeorm-calendar-event.store';
import { HttpCalendarSource } from './infrastructure/source/http-calendar.source';
import { calendarConfig } from './infrastructure/config/calendar.config';
import { CalendarSyncScheduler } from './infrastructure/sync/calendar-sync.scheduler';

/**
 * The economic calendar (issue 16): imported by an operator, read by the risk gate's news blackout through
 * its NewsCalendar port, which this module serves from memory (CachedNewsCalendar).
 */
@Module({
  imports: [ConfigModule.forFeature(calendarConfig), TypeOrmModule.forFeature([EconomicEventEntity])],
  controllers: [CalendarController],
  providers: [
    { provide: CalendarEventStore, useClass: TypeOrmCalendarEventStore },
    { provide: CalendarSource, useClass: HttpCalendarSource },
    CachedNewsCalendar,
    { provide: NewsCalendar, useExisting: CachedNewsCalendar },
    CalendarImportService,
    CalendarSyncScheduler,
  ],
  exports: [NewsCalendar, CalendarImportService, CalendarEventStore],
})
export class CalendarModule {}
