import { loadCalendarEnv } from './calendar.config';

describe('calendar settings', () => {
  it('off by default; a URL with an interval of at least a minute', () => {
    expect(loadCalendarEnv({})).toMatchObject({ CALENDAR_SYNC_INTERVAL_MS: 0 });
    expect(
      loadCalendarEnv({
        CALENDAR_SYNC_URL: 'https://example.com/week.ics',
        CALENDAR_SYNC_INTERVAL_MS: '3600000',
      }),
    ).toMatchObject({
      CALENDAR_SYNC_URL: 'https://example.com/week.ics',
      CALENDAR_SYNC_INTERVAL_MS: 3_600_000,
    });
  });

  it('a bad value stops the start naming the variable', () => {
    expect(() => loadCalendarEnv({ CALENDAR_SYNC_URL: 'ftp://example.com/x.ics' })).toThrow(
      /CALENDAR_SYNC_URL must be an http\(s\) URL/,
    );
    expect(() =>
      loadCalendarEnv({ CALENDAR_SYNC_URL: 'https://example.com/x.ics', CALENDAR_SYNC_INTERVAL_MS: '1000' }),
    ).toThrow(/CALENDAR_SYNC_INTERVAL_MS must be 0 \(off\) or at least 60000/);
    expect(() => loadCalendarEnv({ CALENDAR_SYNC_INTERVAL_MS: '60000' })).toThrow(
      /CALENDAR_SYNC_INTERVAL_MS is set but CALENDAR_SYNC_URL is not/,
    );
  });
});
