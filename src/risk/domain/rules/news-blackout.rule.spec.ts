import type { EconomicEvent } from '../economic-event';
import type { NewsBlackout } from '../program-limits';
import { checkNewsBlackout } from './news-blackout.rule';

const NFP: EconomicEvent = {
  at: new Date('2026-03-06T13:30:00Z'),
  title: 'Non-Farm Employment Change',
  currency: 'USD',
  impact: 'high',
};
const blackout = (o: Partial<NewsBlackout> = {}): NewsBlackout => ({
  appliesTo: ['funded'],
  minutesBefore: 2,
  minutesAfter: 2,
  impact: 'high',
  currencies: null,
  ...o,
});
const check = (now: string, o: Partial<NewsBlackout> = {}, events: EconomicEvent[] = [NFP]) =>
  checkNewsBlackout({ blackout: blackout(o), phase: 'funded', now: new Date(now), events, programId: 7 });

describe('news blackout', () => {
  it('opens 2 minutes before: one second outside passes, at the edge and one second inside are denied', () => {
    expect(check('2026-03-06T13:27:59Z')).toBeNull();
    expect(check('2026-03-06T13:28:00Z')).toEqual({
      rule: 'NEWS_BLACKOUT',
      reason:
        'No entries from 2 min before to 2 min after a high-impact event: Non-Farm Employment Change at 2026-03-06T13:30:00.000Z',
      details: {
        event: 'Non-Farm Employment Change',
        event_at: '2026-03-06T13:30:00.000Z',
        currency: 'USD',
        impact: 'high',
        blackout_from: '2026-03-06T13:28:00.000Z',
        blackout_until: '2026-03-06T13:32:00.000Z',
        phase: 'funded',
        program_id: 7,
      },
    });
    expect(check('2026-03-06T13:28:01Z')?.rule).toBe('NEWS_BLACKOUT');
  });

  it('closes 2 minutes after: one second inside and at the edge are denied, one second later passes', () => {
    expect(check('2026-03-06T13:31:59Z')?.rule).toBe('NEWS_BLACKOUT');
    expect(check('2026-03-06T13:32:00Z')?.rule).toBe('NEWS_BLACKOUT');
    expect(check('2026-03-06T13:32:01Z')).toBeNull();
  });

  it('a window in minutes: one minute inside, at and one minute outside', () => {
    const wide = { minutesBefore: 10, minutesAfter: 5 };
    expect(check('2026-03-06T13:21:00Z', wide)?.rule).toBe('NEWS_BLACKOUT');
    expect(check('2026-03-06T13:20:00Z', wide)?.rule).toBe('NEWS_BLACKOUT');
    expect(check('2026-03-06T13:19:00Z', wide)).toBeNull();
    expect(check('2026-03-06T13:35:00Z', wide)?.rule).toBe('NEWS_BLACKOUT');
    expect(check('2026-03-06T13:36:00Z', wide)).toBeNull();
  });

  it('counts only events of the impact and currencies it names', () => {
    const medium = { ...NFP, impact: 'medium' as const };
    expect(check('2026-03-06T13:30:00Z', {}, [medium])).toBeNull();
    expect(check('2026-03-06T13:30:00Z', { impact: 'medium' }, [medium])?.rule).toBe('NEWS_BLACKOUT');
    expect(check('2026-03-06T13:30:00Z', { impact: 'medium' }, [{ ...NFP, impact: 'low' }])).toBeNull();
    expect(check('2026-03-06T13:30:00Z', { currencies: ['EUR'] })).toBeNull();
    expect(check('2026-03-06T13:30:00Z', { currencies: ['EUR'] }, [{ ...NFP, currency: null }])).toBeNull();
    expect(check('2026-03-06T13:30:00Z', { currencies: ['EUR', 'USD'] })?.rule).toBe('NEWS_BLACKOUT');
  });

  it('only in the phases it applies to (unknown phase: applies); nothing without a blackout', () => {
    const at = new Date('2026-03-06T13:30:00Z');
    const input = { now: at, events: [NFP], programId: 7 };
    expect(checkNewsBlackout({ ...input, blackout: blackout(), phase: 'evaluation' })).toBeNull();
    expect(checkNewsBlackout({ ...input, blackout: blackout(), phase: null })?.rule).toBe('NEWS_BLACKOUT');
    expect(checkNewsBlackout({ ...input, blackout: null, phase: null })).toBeNull();
  });
});
