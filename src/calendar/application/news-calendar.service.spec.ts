import type { Impact } from '../domain/calendar-event';
import { CachedNewsCalendar } from './news-calendar.service';
import { CalendarEventStore, StoredEvent, UpsertCounts } from './ports/calendar-event.store.port';

/** The table in memory, counting its reads. */
class CountingStore extends CalendarEventStore {
  reads = 0;
  constructor(public rows: StoredEvent[]) {
    super();
  }
  upsert(): Promise<UpsertCounts> {
    throw new Error('not used');
  }
  between(from: Date, to: Date, impacts?: readonly Impact[]): Promise<StoredEvent[]> {
    this.reads++;
    return Promise.resolve(
      this.rows.filter((e) => e.at >= from && e.at <= to && (!impacts || impacts.includes(e.impact))),
    );
  }
}

const event = (at: string, impact: Impact = 'high'): StoredEvent => ({
  uid: at,
  at: new Date(at),
  title: `event ${at}`,
  country: null,
  currency: 'USD',
  impact,
  source: 'upload',
});

describe('CachedNewsCalendar', () => {
  const now = new Date('2026-03-06T13:00:00Z');

  it('answers checks from one read, with medium and high events only', async () => {
    const store = new CountingStore([event('2026-03-06T13:30:00Z'), event('2026-03-06T14:00:00Z', 'low')]);
    const calendar = new CachedNewsCalendar(store);
    const [a, b] = await Promise.all([calendar.eventsAround(now), calendar.eventsAround(now)]);
    await calendar.eventsAround(new Date('2026-03-06T20:00:00Z'));
    expect(store.reads).toBe(1);
    expect(a).toEqual([
      {
        at: new Date('2026-03-06T13:30:00Z'),
        title: 'event 2026-03-06T13:30:00Z',
        currency: 'USD',
        impact: 'high',
      },
    ]);
    expect(b).toBe(a);
  });

  it('reads again after an import, and when the clock leaves the loaded window', async () => {
    const store = new CountingStore([]);
    const calendar = new CachedNewsCalendar(store);
    await calendar.eventsAround(now);
    store.rows.push(event('2026-03-06T13:30:00Z'));
    expect(await calendar.eventsAround(now)).toEqual([]);
    calendar.invalidate();
    expect(await calendar.eventsAround(now)).toHaveLength(1);
    await calendar.eventsAround(new Date('2026-03-07T14:00:00Z')); // a day later: past the loaded two days
    expect(store.reads).toBe(3);
  });
});
