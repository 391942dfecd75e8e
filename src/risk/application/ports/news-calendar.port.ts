import type { EconomicEvent } from '../../domain/economic-event';

export type { EconomicEvent };

/**
 * The economic calendar as the news blackout reads it. The gate is on the hot path: an adapter answers from
 * memory (the events of the next hours, refreshed on an import and on an interval), not with a query per check.
 */
export abstract class NewsCalendar {
  /** Every known event whose blackout could hold `now`: at least those within a day either side of it. */
  abstract eventsAround(now: Date): Promise<readonly EconomicEvent[]>;
}
