import { CME_EQUITY_CALENDAR } from './cme-calendar';
import { dueFlatBy, FirmFlatByTime, FlatBySchedule, flatByOn, flatBySessionAt } from './flat-by';

const NY_17 = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
const schedule = (flatBy: Partial<FirmFlatByTime>, day = NY_17): FlatBySchedule => ({
  flatBy: { time: '16:59', timeZone: 'America/New_York', earlyClose: 'exchange_close', ...flatBy },
  day,
  calendar: CME_EQUITY_CALENDAR,
});
const TOPSTEP = schedule({ time: '15:10', timeZone: 'America/Chicago' });
const APEX = schedule({});
const KEEPS_TIME = schedule({ earlyClose: 'none' });
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** `OPEN` or `why → reopensAt` at an instant. */
function state(s: FlatBySchedule, instant: string): string {
  const session = flatBySessionAt(at(instant), s);
  return session.open ? 'OPEN' : `${session.why} → ${session.reopensAt.toISOString()}`;
}

describe('flat-by time', () => {
  describe('Topstep 15:10 Chicago, before the 2026-03-08 DST change (CST, UTC-6)', () => {
    it.each([
      ['2026-03-06T21:09:00Z', 'OPEN'], // Fri 15:09 CST: one minute before
      ['2026-03-06T21:10:00Z', 'flat_by → 2026-03-08T21:00:00.000Z'], // at: until Sunday 17:00 EDT (DST began that morning)
      ['2026-03-06T21:11:00Z', 'flat_by → 2026-03-08T21:00:00.000Z'], // one minute after
      ['2026-03-07T18:00:00Z', 'weekend → 2026-03-08T21:00:00.000Z'], // Saturday
      ['2026-03-08T20:59:00Z', 'weekend → 2026-03-08T21:00:00.000Z'], // Sunday 16:59 EDT
      ['2026-03-08T21:00:00Z', 'OPEN'], // Sunday 17:00 EDT: Monday's session
    ])('%s → %s', (instant, expected) => expect(state(TOPSTEP, instant)).toBe(expected));
  });

  describe('Topstep 15:10 Chicago after it (CDT, UTC-5): an hour earlier in UTC', () => {
    it.each([
      ['2026-03-09T20:09:00Z', 'OPEN'], // Mon 15:09 CDT
      ['2026-03-09T20:10:00Z', 'flat_by → 2026-03-09T21:00:00.000Z'], // reopens at the 17:00 ET reset
      ['2026-03-09T20:11:00Z', 'flat_by → 2026-03-09T21:00:00.000Z'],
      ['2026-03-09T20:59:59Z', 'flat_by → 2026-03-09T21:00:00.000Z'],
      ['2026-03-09T21:00:00Z', 'OPEN'], // Tuesday's session
    ])('%s → %s', (instant, expected) => expect(state(TOPSTEP, instant)).toBe(expected));
  });

  describe('Apex 16:59 New York across the 2026-11-01 DST end', () => {
    it.each([
      ['2026-10-30T20:58:00Z', 'OPEN'], // Fri 16:58 EDT
      ['2026-10-30T20:59:00Z', 'flat_by → 2026-11-01T22:00:00.000Z'], // until Sunday 17:00 EST
      ['2026-10-30T21:00:00Z', 'weekend → 2026-11-01T22:00:00.000Z'], // Fri 17:00 EDT: Monday's trading day
      ['2026-11-01T21:59:00Z', 'weekend → 2026-11-01T22:00:00.000Z'], // Sunday 16:59 EST
      ['2026-11-01T22:00:00Z', 'OPEN'],
      ['2026-11-02T21:58:00Z', 'OPEN'], // Mon 16:58 EST
      ['2026-11-02T21:59:00Z', 'flat_by → 2026-11-02T22:00:00.000Z'],
      ['2026-11-02T22:00:00Z', 'OPEN'],
    ])('%s → %s', (instant, expected) => expect(state(APEX, instant)).toBe(expected));
  });

  describe('an early-close day: 2026-11-27, CME equity closes 12:15 Chicago (18:15Z)', () => {
    it('a firm that follows the exchange flattens a minute before its close, whatever its own time', () => {
      expect(iso(flatByOn('2026-11-27', APEX))).toBe('2026-11-27T18:14:00.000Z');
      expect(iso(flatByOn('2026-11-27', TOPSTEP))).toBe('2026-11-27T18:14:00.000Z');
    });
    it.each([
      ['2026-11-27T18:13:00Z', 'OPEN'],
      ['2026-11-27T18:14:00Z', 'flat_by → 2026-11-29T22:00:00.000Z'],
      ['2026-11-27T18:15:00Z', 'flat_by → 2026-11-29T22:00:00.000Z'],
    ])('%s → %s', (instant, expected) => expect(state(APEX, instant)).toBe(expected));
    it('a firm with early_close "none" keeps its own time', () => {
      expect(iso(flatByOn('2026-11-27', KEEPS_TIME))).toBe('2026-11-27T21:59:00.000Z');
      expect(state(KEEPS_TIME, '2026-11-27T18:14:00Z')).toBe('OPEN');
    });
    it('Thanksgiving itself halts at 12:00 Chicago', () => {
      expect(iso(flatByOn('2026-11-26', APEX))).toBe('2026-11-26T17:59:00.000Z');
    });
    it('a regular day keeps the firm time', () => {
      expect(iso(flatByOn('2026-11-25', APEX))).toBe('2026-11-25T21:59:00.000Z');
    });
  });

  describe('a holiday: Christmas Day 2026 (Friday), after the Christmas Eve early close', () => {
    it.each([
      ['2026-12-24T18:13:00Z', 'OPEN'], // Thu 12:13 CST
      ['2026-12-24T18:14:00Z', 'flat_by → 2026-12-27T22:00:00.000Z'], // to Sunday 17:00 EST
      ['2026-12-24T22:00:00Z', 'holiday → 2026-12-27T22:00:00.000Z'], // 17:00 ET: Christmas Day's session, none
      ['2026-12-25T16:00:00Z', 'holiday → 2026-12-27T22:00:00.000Z'],
      ['2026-12-27T22:00:00Z', 'OPEN'],
    ])('%s → %s', (instant, expected) => expect(state(APEX, instant)).toBe(expected));
    it('has no flat-by on a closed day', () => {
      expect(flatByOn('2026-12-25', APEX)).toBeNull();
    });
    it('Good Friday 2026: entries refused from Thursday 17:00 ET to Sunday 17:00 ET', () => {
      expect(state(APEX, '2026-04-02T21:00:00Z')).toBe('holiday → 2026-04-05T21:00:00.000Z');
    });
  });

  it('never flattens after the trading day ends: Aqua 16:10 ET with a 21:00 UTC reset, in winter', () => {
    const aqua = schedule({ time: '16:10' }, { rolloverMinute: 21 * 60, zone: 'UTC' });
    expect(iso(flatByOn('2026-01-13', aqua))).toBe('2026-01-13T21:00:00.000Z'); // 16:00 EST, the reset
    expect(iso(flatByOn('2026-07-14', aqua))).toBe('2026-07-14T20:10:00.000Z'); // 16:10 EDT, before it
  });

  describe('the watcher acts from the flat-by until the session reopens', () => {
    it.each([
      ['2026-11-02T21:58:59Z', null],
      ['2026-11-02T21:59:00Z', '2026-11-02'],
      ['2026-11-02T21:59:59Z', '2026-11-02'],
      ['2026-11-02T22:00:00Z', null],
    ])('Apex %s → %s', (instant, expected) => {
      expect(dueFlatBy(at(instant), APEX)?.tradingDay ?? null).toBe(expected);
    });
    it('over the weekend after a Friday flat-by', () => {
      expect(dueFlatBy(at('2026-10-31T12:00:00Z'), APEX)).toEqual({
        tradingDay: '2026-10-30',
        flatByAt: at('2026-10-30T20:59:00Z'),
        reopensAt: at('2026-11-01T22:00:00Z'),
      });
    });
    it('for a minute when the flat-by is the reset itself (17:00 ET)', () => {
      const tpt = schedule({ time: '17:00' });
      expect(dueFlatBy(at('2026-11-02T21:59:59Z'), tpt)).toBeNull();
      expect(dueFlatBy(at('2026-11-02T22:00:00Z'), tpt)?.tradingDay).toBe('2026-11-02');
      expect(dueFlatBy(at('2026-11-02T22:00:59Z'), tpt)?.tradingDay).toBe('2026-11-02');
      expect(dueFlatBy(at('2026-11-02T22:01:00Z'), tpt)).toBeNull();
    });
  });
});
