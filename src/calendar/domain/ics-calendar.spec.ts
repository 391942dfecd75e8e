import { parseIcs } from './ics-calendar';

const ics = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');

describe('parseIcs', () => {
  it('reads UTC and TZID start times, folded lines, escapes, and the impact from X-IMPACT, CATEGORIES or PRIORITY', () => {
    const { events, problems } = parseIcs(
      ics(
        'BEGIN:VEVENT',
        'UID:nfp-2026-03@example',
        'DTSTART:20260306T133000Z',
        'SUMMARY:Non-Farm Employment',
        '  Change\\, Feb',
        'X-IMPACT:High',
        'X-CURRENCY:USD',
        'BEGIN:VALARM',
        'SUMMARY:not the event',
        'END:VALARM',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;TZID=America/New_York:20260311T083000',
        'SUMMARY:CPI m/m',
        'CATEGORIES:USD,Medium Impact',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;TZID="Europe/Berlin":20260305T141500',
        'SUMMARY:ECB Rate',
        'PRIORITY:1',
        'END:VEVENT',
      ),
    );
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        uid: 'nfp-2026-03@example',
        at: new Date('2026-03-06T13:30:00Z'),
        title: 'Non-Farm Employment Change, Feb',
        country: null,
        currency: 'USD',
        impact: 'high',
      },
      {
        // 08:30 New York after the 8 March DST change is 12:30 UTC
        uid: '2026-03-11T12:30:00.000Z|CPI m/m|USD',
        at: new Date('2026-03-11T12:30:00Z'),
        title: 'CPI m/m',
        country: null,
        currency: 'USD',
        impact: 'medium',
      },
      expect.objectContaining({ at: new Date('2026-03-05T13:15:00Z'), impact: 'high', currency: null }),
    ]);
  });

  it('names every problem with its line', () => {
    const { events, problems } = parseIcs(
      ics(
        'BEGIN:VEVENT', // line 3
        'DTSTART:20260306T083000',
        'SUMMARY:floating',
        'X-IMPACT:high',
        'END:VEVENT',
        'BEGIN:VEVENT', // line 8
        'DTSTART;VALUE=DATE:20260306',
        'SUMMARY:all day',
        'END:VEVENT',
        'BEGIN:VEVENT', // line 12
        'DTSTART;TZID=Mars/Olympus:20260306T083000',
        'X-IMPACT:severe',
        'X-CURRENCY:dollars',
        'END:VEVENT',
        'this is not a content line', // line 17
        'BEGIN:VEVENT', // line 18
        'DTSTART:20260230T083000Z',
        'SUMMARY:Feb 30',
        'RRULE:FREQ=MONTHLY',
        'X-IMPACT:low',
        'END:VEVENT',
        'BEGIN:VEVENT', // line 24
        'SUMMARY:never closed',
      ),
    );
    expect(events).toEqual([]);
    expect(problems).toEqual([
      'line 17: not an iCalendar content line (NAME:VALUE expected)',
      'line 4: DTSTART: a floating time (no Z, no TZID) names no instant',
      'line 9: DTSTART: an all-day event has no release time',
      'line 8: impact: must be one of high, medium, low',
      'line 13: DTSTART: unknown TZID Mars/Olympus',
      'line 12: title: is required',
      'line 12: currency: must be a 3-letter ISO code, e.g. USD',
      'line 12: impact: must be one of high, medium, low',
      'line 21: RRULE: recurring events are not supported (export the occurrences)',
      'line 19: DTSTART: not a valid date-time',
      'line 24: VEVENT is not closed (END:VEVENT missing)',
    ]);
  });

  it('refuses what is not a calendar, and the same UID twice', () => {
    expect(parseIcs('time,title\n').problems).toEqual([
      'line 1: not an iCalendar file (BEGIN:VCALENDAR expected)',
    ]);
    const twice = [
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20260306T133000Z',
      'SUMMARY:x',
      'X-IMPACT:high',
      'END:VEVENT',
    ];
    expect(parseIcs(ics(...twice, ...twice)).problems).toEqual(['line 9: the same event as line 3 (a)']);
  });
});
