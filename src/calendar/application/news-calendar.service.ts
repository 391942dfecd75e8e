import { Injectable } from '@nestjs/common';
import { EconomicEvent, NewsCalendar } from '../../risk/application/ports/news-calendar.port';
import { CalendarEventStore } from './ports/calendar-event.store.port';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a loaded window is trusted without an import: events written by another process show up by then. */
export const CALENDAR_REFRESH_MS = 5 * 60 * 1000;

interface Loaded {
  from: number;
  to: number;
  loadedAt: number;
  events: readonly EconomicEvent[];
}

/**
 * The risk gate's calendar, from memory: one query loads the medium- and high-impact events from a day before
 * to two days after now (a blackout is at most a day wide), kept until CALENDAR_REFRESH_MS or an import; a check
 * then costs no database round trip. Concurrent checks share one load.
 */
@Injectable()
export class CachedNewsCalendar extends NewsCalendar {
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  /** Bumped by an import: a load begun before it must not be kept. */
  private generation = 0;

  constructor(private readonly store: CalendarEventStore) {
    super();
  }

  async eventsAround(now: Date): Promise<readonly EconomicEvent[]> {
    const t = now.getTime();
    const l = this.loaded;
    const fresh =
      l && t - DAY_MS >= l.from && t + DAY_MS <= l.to && Date.now() - l.loadedAt < CALENDAR_REFRESH_MS;
    return (fresh ? l : await this.load(t)).events;
  }

  /** After an import: the next check reads the table again. */
  invalidate(): void {
    this.generation++;
    this.loaded = null;
    this.loading = null;
  }

  private load(t: number): Promise<Loaded> {
    if (this.loading) return this.loading;
    const from = t - DAY_MS;
    const to = t + 2 * DAY_MS;
    const generation = this.generation;
    const loading = this.store
      .between(new Date(from), new Date(to), ['high', 'medium'])
      .then((rows) => {
        const events = rows.map((e) => ({
          at: e.at,
          title: e.title,
          currency: e.currency,
          impact: e.impact,
        }));
        const loaded = { from, to, loadedAt: Date.now(), events };
        if (generation === this.generation) this.loaded = loaded;
        return loaded;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }
}
