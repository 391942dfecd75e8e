import { CME_EQUITY_CALENDAR } from '../cme-calendar';
import type { FlatBySchedule } from '../flat-by';
import { checkFlatBy } from './flat-by.rule';

const TOPSTEP: FlatBySchedule = {
  flatBy: { time: '15:10', timeZone: 'America/Chicago', earlyClose: 'exchange_close' },
  day: { rolloverMinute: 17 * 60, zone: 'America/New_York' },
  calendar: CME_EQUITY_CALENDAR,
};
const rule = (iso: string, s: FlatBySchedule | null = TOPSTEP) =>
  checkFlatBy(s, new Date(iso))?.rule ?? 'OPEN';

describe('FLAT_BY', () => {
  it('is off for a firm without a flat-by time', () => {
    expect(checkFlatBy(null, new Date('2026-03-07T18:00:00Z'))).toBeNull();
  });

  it.each([
    ['2026-03-09T20:09:00Z', 'OPEN'], // 15:09 CDT: a minute inside
    ['2026-03-09T20:09:59Z', 'OPEN'], // the last second inside
    ['2026-03-09T20:10:00Z', 'FLAT_BY'], // at
    ['2026-03-09T20:11:00Z', 'FLAT_BY'], // a minute over
    ['2026-03-09T20:59:59Z', 'FLAT_BY'], // the last second before the reopen
    ['2026-03-09T21:00:00Z', 'OPEN'], // 17:00 EDT: the session reopens
  ])('Topstep 15:10 Chicago: %s → %s', (iso, expected) => expect(rule(iso)).toBe(expected));

  it('names the rule, the flat-by time and when entries reopen', () => {
    expect(checkFlatBy(TOPSTEP, new Date('2026-03-09T20:10:00Z'))).toEqual({
      rule: 'FLAT_BY',
      reason:
        "Past the firm's flat-by time 15:10 America/Chicago; entries reopen at 2026-03-09T17:00:00-04:00",
      details: {
        flat_by: '15:10 America/Chicago',
        flat_by_at: '2026-03-09T15:10:00-05:00',
        trading_day: '2026-03-09',
        reopens_at: '2026-03-09T17:00:00-04:00',
        closed_for: 'flat_by',
        exchange_day: null,
        local_time: '2026-03-09T15:10:00-05:00',
      },
    });
  });

  it("says when the exchange's early close moved the flat-by (2026-11-27, 12:15 Chicago)", () => {
    expect(rule('2026-11-27T18:13:00Z')).toBe('OPEN');
    const denial = checkFlatBy(TOPSTEP, new Date('2026-11-27T18:14:00Z'));
    expect(denial?.reason).toBe(
      "Past the firm's flat-by time 15:10 America/Chicago (earlier on the exchange's early close: Day after " +
        'Thanksgiving); entries reopen at 2026-11-29T17:00:00-05:00',
    );
    expect(denial?.details).toMatchObject({
      flat_by_at: '2026-11-27T12:14:00-06:00',
      exchange_day: { name: 'Day after Thanksgiving', kind: 'early_close', close: '12:15 America/Chicago' },
    });
  });

  it('refuses entries on an exchange holiday and over the weekend', () => {
    expect(checkFlatBy(TOPSTEP, new Date('2026-12-25T16:00:00Z'))?.reason).toBe(
      'The exchange is closed for Christmas Day; entries reopen at 2026-12-27T17:00:00-05:00',
    );
    expect(checkFlatBy(TOPSTEP, new Date('2026-03-07T18:00:00Z'))?.reason).toBe(
      'The session is closed for the weekend; entries reopen at 2026-03-08T17:00:00-04:00',
    );
  });
});
