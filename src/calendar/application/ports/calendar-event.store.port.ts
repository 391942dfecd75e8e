import type { CalendarEvent, Impact } from '../../domain/calendar-event';

/** An event as stored: where it came from. */
export interface StoredEvent extends CalendarEvent {
  source: string;
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The calendar table. */
export abstract class CalendarEventStore {
  /** Insert new events and update changed ones, matched by uid, in one transaction. */
  abstract upsert(events: CalendarEvent[], by: { source: string; actor: string }): Promise<UpsertCounts>;
  /** Events with from ≤ at ≤ to, by time; only the given impacts when some are given. */
  abstract between(from: Date, to: Date, impacts?: readonly Impact[]): Promise<StoredEvent[]>;
}
