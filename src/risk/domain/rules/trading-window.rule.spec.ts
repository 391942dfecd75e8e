import { someRules } from '../../../../test/risk/support/risk.mother';
import { parseTradingWindow } from '../trading-window';
import { checkTradingWindow } from './trading-window.rule';

const rules = (window: string, timezone = 'America/New_York') =>
  someRules({ tradingWindow: parseTradingWindow(window), timezone });
const at = (iso: string) => new Date(iso);
const rule = (window: string, iso: string, isFutures = true, timezone?: string) =>
  checkTradingWindow(rules(window, timezone), isFutures, at(iso))?.rule ?? 'OPEN';

describe('rule 4: trading window', () => {
  it('is off without a window, even on a Saturday', () => {
    expect(checkTradingWindow(someRules(), true, at('2026-03-07T17:00:00Z'))).toBeNull();
  });

  describe('a window across midnight (18:00-16:59 New York, EST in January)', () => {
    const w = '18:00-16:59';
    it.each([
      ['2026-01-13T21:59:00Z', 'OPEN'], // Tue 16:59 EST: last minute inside
      ['2026-01-13T21:59:59Z', 'OPEN'], // end minute inclusive to its last second
      ['2026-01-13T22:00:00Z', 'OUTSIDE_TRADING_WINDOW'], // 17:00: just outside
      ['2026-01-13T22:59:00Z', 'OUTSIDE_TRADING_WINDOW'], // 17:59
      ['2026-01-13T23:00:00Z', 'OPEN'], // 18:00: reopens
      ['2026-01-14T05:00:00Z', 'OPEN'], // 00:00 Wed, after midnight
      ['2026-01-14T08:30:00Z', 'OPEN'], // 03:30 Wed
    ])('%s → %s', (iso, expected) => {
      expect(rule(w, iso)).toBe(expected);
    });
  });

  describe('a day window (09:30-16:00), at, just inside and just outside both ends', () => {
    const w = '09:30-16:00';
    it.each([
      ['2026-01-13T14:29:00Z', 'OUTSIDE_TRADING_WINDOW'], // 09:29
      ['2026-01-13T14:30:00Z', 'OPEN'], // 09:30
      ['2026-01-13T21:00:00Z', 'OPEN'], // 16:00
      ['2026-01-13T21:01:00Z', 'OUTSIDE_TRADING_WINDOW'], // 16:01
    ])('%s → %s', (iso, expected) => {
      expect(rule(w, iso)).toBe(expected);
    });
  });

  it('follows daylight saving: 09:30 New York is 14:30Z in winter and 13:30Z in summer', () => {
    expect(rule('09:30-16:00', '2026-03-06T14:30:00Z')).toBe('OPEN'); // Fri, EST
    expect(rule('09:30-16:00', '2026-03-09T13:30:00Z')).toBe('OPEN'); // Mon after 2026-03-08, EDT
    expect(rule('09:30-16:00', '2026-03-09T13:29:00Z')).toBe('OUTSIDE_TRADING_WINDOW');
    expect(rule('09:30-16:00', '2026-03-09T20:30:00Z')).toBe('OUTSIDE_TRADING_WINDOW'); // 16:30 EDT (15:30 in EST)
    expect(rule('09:30-16:00', '2026-11-02T20:30:00Z')).toBe('OPEN'); // 15:30 EST after 2026-11-01
    expect(rule('09:30-16:00', '2026-11-02T21:01:00Z')).toBe('OUTSIDE_TRADING_WINDOW'); // 16:01 EST
  });

  it('reads the window in the firm time zone', () => {
    expect(rule('08:00-22:00', '2026-01-13T06:59:00Z', false, 'Europe/Prague')).toBe(
      'OUTSIDE_TRADING_WINDOW',
    ); // 07:59 CET
    expect(rule('08:00-22:00', '2026-01-13T07:00:00Z', false, 'Europe/Prague')).toBe('OPEN');
  });

  describe('futures weekend close, Fri 17:00 to Sun 18:00 New York', () => {
    const w = '00:00-23:59';
    it.each([
      ['2026-03-06T21:59:00Z', 'OPEN'], // Fri 16:59 EST
      ['2026-03-06T22:00:00Z', 'OUTSIDE_TRADING_WINDOW'], // Fri 17:00 EST
      ['2026-03-07T17:00:00Z', 'OUTSIDE_TRADING_WINDOW'], // Saturday
      ['2026-03-08T21:59:00Z', 'OUTSIDE_TRADING_WINDOW'], // Sun 17:59 EDT (DST began that morning)
      ['2026-03-08T22:00:00Z', 'OPEN'], // Sun 18:00 EDT
      ['2026-10-30T20:59:00Z', 'OPEN'], // Fri 16:59 EDT
      ['2026-10-30T21:00:00Z', 'OUTSIDE_TRADING_WINDOW'], // Fri 17:00 EDT
      ['2026-11-01T22:59:00Z', 'OUTSIDE_TRADING_WINDOW'], // Sun 17:59 EST (DST ended that morning)
      ['2026-11-01T23:00:00Z', 'OPEN'], // Sun 18:00 EST
    ])('%s → %s', (iso, expected) => {
      expect(rule(w, iso)).toBe(expected);
    });

    it('says it is the weekend close in the details', () => {
      const denial = checkTradingWindow(rules('18:00-16:59'), true, at('2026-03-07T17:00:00Z'));
      expect(denial?.details).toEqual({
        window: '18:00-16:59',
        timezone: 'America/New_York',
        local_time: '2026-03-07T12:00:00-05:00',
        weekend_close: true,
        weekend_local_time: '2026-03-07T12:00:00-05:00',
      });
    });

    it('does not apply to symbols that are not futures', () => {
      expect(rule(w, '2026-03-07T17:00:00Z', false)).toBe('OPEN');
    });
  });

  it('parses only HH:MM-HH:MM windows', () => {
    expect(parseTradingWindow('18:00-16:59')).toEqual({
      text: '18:00-16:59',
      startMinute: 1080,
      endMinute: 1019,
    });
    expect(parseTradingWindow('24:00-16:59')).toBeNull();
    expect(parseTradingWindow('9:30-16:00')).toBeNull();
    expect(parseTradingWindow('18:00')).toBeNull();
  });
});
