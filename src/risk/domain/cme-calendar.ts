import type { ExchangeCalendar } from './exchange-calendar';

const MEMORY = 'from CME Group holiday calendars as published in earlier years; verify on the source page';
const HALT = 'CME Globex equity futures halt at 12:00 CT for the US holiday and reopen at 17:00 CT';
const EARLY = 'CME Globex equity futures close at 12:15 CT (the NYSE closes at 13:00 ET)';

/**
 * CME Globex holiday schedule for equity index futures (ES, NQ, YM, RTY and their micros), 2026 and 2027:
 * the trading days with no session (`closed`) and those that end early (`early_close`, local time in
 * America/Chicago). Keyed by trading day: a holiday halt on Monday belongs to Monday's session. Not
 * listed: a regular day (close 16:00 CT). A date the source did not confirm says UNCERTAIN in its note.
 */
export const CME_EQUITY_CALENDAR: ExchangeCalendar = {
  exchange: 'CME Globex, equity index futures',
  timeZone: 'America/Chicago',
  source: 'https://www.cmegroup.com/tools-information/holiday-calendar.html',
  asOf: `2026-12-02 (${MEMORY})`,
  days: {
    '2026-01-01': { kind: 'closed', close: null, name: "New Year's Day", note: null },
    '2026-01-19': { kind: 'early_close', close: '12:00', name: 'Martin Luther King Jr. Day', note: HALT },
    '2026-02-16': { kind: 'early_close', close: '12:00', name: "Presidents' Day", note: HALT },
    '2026-04-03': {
      kind: 'closed',
      close: null,
      name: 'Good Friday',
      note:
        'UNCERTAIN: the March employment report falls on this Good Friday; in 2023 (the same case) CME ran ' +
        'an abbreviated equity session to 10:15 CT. Treated as closed: entries refused all day.',
    },
    '2026-05-25': { kind: 'early_close', close: '12:00', name: 'Memorial Day', note: HALT },
    '2026-06-19': { kind: 'early_close', close: '12:00', name: 'Juneteenth', note: HALT },
    '2026-07-03': { kind: 'early_close', close: '12:00', name: 'Independence Day (observed)', note: HALT },
    '2026-09-07': { kind: 'early_close', close: '12:00', name: 'Labor Day', note: HALT },
    '2026-11-26': { kind: 'early_close', close: '12:00', name: 'Thanksgiving Day', note: HALT },
    '2026-11-27': { kind: 'early_close', close: '12:15', name: 'Day after Thanksgiving', note: EARLY },
    '2026-12-24': { kind: 'early_close', close: '12:15', name: 'Christmas Eve', note: EARLY },
    '2026-12-25': { kind: 'closed', close: null, name: 'Christmas Day', note: null },
    '2027-01-01': { kind: 'closed', close: null, name: "New Year's Day", note: null },
    '2027-01-18': { kind: 'early_close', close: '12:00', name: 'Martin Luther King Jr. Day', note: HALT },
    '2027-02-15': { kind: 'early_close', close: '12:00', name: "Presidents' Day", note: HALT },
    '2027-03-26': { kind: 'closed', close: null, name: 'Good Friday', note: null },
    '2027-05-31': { kind: 'early_close', close: '12:00', name: 'Memorial Day', note: HALT },
    '2027-06-18': {
      kind: 'early_close',
      close: '12:00',
      name: 'Juneteenth (observed)',
      note: `UNCERTAIN: June 19 is a Saturday; the Friday is assumed observed. ${HALT}`,
    },
    '2027-07-05': { kind: 'early_close', close: '12:00', name: 'Independence Day (observed)', note: HALT },
    '2027-09-06': { kind: 'early_close', close: '12:00', name: 'Labor Day', note: HALT },
    '2027-11-25': { kind: 'early_close', close: '12:00', name: 'Thanksgiving Day', note: HALT },
    '2027-11-26': { kind: 'early_close', close: '12:15', name: 'Day after Thanksgiving', note: EARLY },
    '2027-12-24': {
      kind: 'closed',
      close: null,
      name: 'Christmas Day (observed)',
      note:
        'December 25 is a Saturday. UNCERTAIN: whether Thursday 2027-12-23 closes early is not known ' +
        '(listed as a regular day); 2027-12-31 is a regular day (New Year 2028 falls on a Saturday).',
    },
  },
};
