import { tradingDayEnd, tradingDayOf } from './trading-day';

const NY_17 = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
const day = (iso: string, policy = NY_17) => tradingDayOf(new Date(iso), policy);

describe('tradingDayOf (rollover 17:00 New York)', () => {
  it('rolls at 17:00 local: 16:59 is today, 17:00 is the next day', () => {
    expect(day('2026-01-13T21:59:59Z')).toBe('2026-01-13');
    expect(day('2026-01-13T22:00:00Z')).toBe('2026-01-14');
  });

  it('puts Friday evening and the weekend on Monday', () => {
    expect(day('2026-01-16T21:59:00Z')).toBe('2026-01-16'); // Fri 16:59
    expect(day('2026-01-16T22:00:00Z')).toBe('2026-01-19'); // Fri 17:00
    expect(day('2026-01-17T15:00:00Z')).toBe('2026-01-19'); // Saturday
    expect(day('2026-01-18T23:30:00Z')).toBe('2026-01-19'); // Sunday evening session
  });

  it('stays at 17:00 local when daylight saving starts (2026-03-08)', () => {
    expect(day('2026-03-06T21:59:00Z')).toBe('2026-03-06'); // Fri 16:59 EST
    expect(day('2026-03-06T22:00:00Z')).toBe('2026-03-09'); // Fri 17:00 EST
    expect(day('2026-03-09T20:59:00Z')).toBe('2026-03-09'); // Mon 16:59 EDT
    expect(day('2026-03-09T21:00:00Z')).toBe('2026-03-10'); // Mon 17:00 EDT (16:00 in EST)
  });

  it('stays at 17:00 local when daylight saving ends (2026-11-01)', () => {
    expect(day('2026-10-30T20:59:00Z')).toBe('2026-10-30'); // Fri 16:59 EDT
    expect(day('2026-10-30T21:00:00Z')).toBe('2026-11-02'); // Fri 17:00 EDT
    expect(day('2026-11-02T21:30:00Z')).toBe('2026-11-02'); // Mon 16:30 EST (17:30 in EDT)
    expect(day('2026-11-02T22:00:00Z')).toBe('2026-11-03'); // Mon 17:00 EST
  });

  it('supports a midnight rollover in another zone (Prague): each calendar date is its own day', () => {
    const prague = { rolloverMinute: 0, zone: 'Europe/Prague' };
    expect(day('2026-01-13T22:59:00Z', prague)).toBe('2026-01-13'); // 23:59 CET
    expect(day('2026-01-13T23:00:00Z', prague)).toBe('2026-01-14'); // 00:00 CET
    expect(day('2026-03-28T23:00:00Z', prague)).toBe('2026-03-30'); // Sunday 00:00 → Monday
  });

  it('gives the early hours to the previous date with a morning rollover (06:00)', () => {
    const six = { rolloverMinute: 6 * 60, zone: 'America/New_York' };
    expect(day('2026-01-14T10:59:00Z', six)).toBe('2026-01-13'); // Wed 05:59
    expect(day('2026-01-14T11:00:00Z', six)).toBe('2026-01-14'); // Wed 06:00
  });

  it('answers each policy for itself within one minute, however the calls alternate', () => {
    const at = new Date('2026-03-10T22:30:15Z'); // 18:30 in New York, 23:30 in Prague
    const ny = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
    const prague = { rolloverMinute: 0, zone: 'Europe/Prague' };
    const sixAm = { rolloverMinute: 6 * 60, zone: 'Europe/Prague' };
    for (let i = 0; i < 2; i++) {
      expect(tradingDayOf(at, ny)).toBe('2026-03-11');
      expect(tradingDayOf(at, prague)).toBe('2026-03-10');
      expect(tradingDayOf(new Date('2026-03-10T22:30:59Z'), ny)).toBe('2026-03-11');
      expect(tradingDayOf(new Date('2026-03-11T04:59:59Z'), sixAm)).toBe('2026-03-10');
      expect(tradingDayOf(new Date('2026-03-11T05:00:00Z'), sixAm)).toBe('2026-03-11');
    }
  });
});

describe('tradingDayEnd', () => {
  const ny = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
  it('a 17:00 New York day ends at 17:00 on its own date, daylight saving or not', () => {
    expect(tradingDayEnd('2026-12-02', ny).toISOString()).toBe('2026-12-02T22:00:00.000Z');
    expect(tradingDayEnd('2026-07-01', ny).toISOString()).toBe('2026-07-01T21:00:00.000Z');
    expect(tradingDayEnd('2026-03-09', ny).toISOString()).toBe('2026-03-09T21:00:00.000Z');
  });
  it('a midnight Prague day ends at the next midnight; the instant just before it belongs to the day', () => {
    const prague = { rolloverMinute: 0, zone: 'Europe/Prague' };
    const end = tradingDayEnd('2026-12-02', prague);
    expect(end.toISOString()).toBe('2026-12-02T23:00:00.000Z');
    expect(tradingDayOf(new Date(end.getTime() - 1), prague)).toBe('2026-12-02');
    expect(tradingDayOf(end, prague)).toBe('2026-12-03');
  });
});
