import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CalendarImportService } from '../../application/calendar-import.service';
import { calendarConfig, type CalendarConfig } from '../config/calendar.config';

const ACTOR = 'system:calendar-sync';

/**
 * With CALENDAR_SYNC_URL and CALENDAR_SYNC_INTERVAL_MS > 0, imports the calendar at that URL on that interval
 * (the same importer as the API: idempotent, a bad document changes nothing); a failure is logged, not thrown.
 */
@Injectable()
export class CalendarSyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('CalendarSync');

  constructor(
    private readonly imports: CalendarImportService,
    @Inject(calendarConfig.KEY) private readonly config: CalendarConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.CALENDAR_SYNC_INTERVAL_MS;
    const url = this.config.CALENDAR_SYNC_URL;
    if (every > 0 && url)
      this.scheduler.addInterval(
        'calendar-sync',
        setInterval(() => void this.sync(url), every),
      );
  }

  async sync(url: string): Promise<void> {
    try {
      const r = await this.imports.importUrl(url, ACTOR);
      this.logger.log(`Calendar sync: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
    } catch (err) {
      const details = (err as { details?: string[] }).details;
      this.logger.error(
        `Calendar sync of ${url} failed: ${err instanceof Error ? err.message : String(err)}${details ? ` (${details.slice(0, 5).join('; ')})` : ''}`,
      );
    }
  }
}
