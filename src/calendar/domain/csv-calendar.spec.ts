import { csvEvents, csvHeaderProblems } from './csv-calendar';

const row = (line: number, cells: Record<string, string>) => ({ line, cells });

describe('CSV calendar', () => {
  it('reads instants with Z or an offset, upper-cases the currency, and keys an event without id by its content', () => {
    const { events, problems } = csvEvents([
      row(2, { time: '2026-03-06T13:30:00Z', title: 'NFP', currency: 'usd', impact: 'High', country: 'US' }),
      row(3, {
        id: 'cpi-1',
        time: '2026-03-11T08:30:00-04:00',
        title: 'CPI',
        currency: '',
        impact: 'medium',
      }),
    ]);
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        uid: '2026-03-06T13:30:00.000Z|NFP|USD',
        at: new Date('2026-03-06T13:30:00Z'),
        title: 'NFP',
        country: 'US',
        currency: 'USD',
        impact: 'high',
      },
      {
        uid: 'cpi-1',
        at: new Date('2026-03-11T12:30:00Z'),
        title: 'CPI',
        country: null,
        currency: null,
        impact: 'medium',
      },
    ]);
  });

  it('names every problem with its line', () => {
    const { events, problems } = csvEvents([
      row(2, { time: '2026-03-06 13:30', title: 'no zone', impact: 'high' }),
      row(3, { time: '2026-02-30T10:00:00Z', title: '', impact: 'red', currency: 'US$' }),
      row(4, { id: 'x', time: '2026-03-06T13:30:00Z', title: 'ok', impact: 'low' }),
      row(5, { id: 'x', time: '2026-03-07T13:30:00Z', title: 'again', impact: 'low' }),
    ]);
    expect(events.map((e) => e.uid)).toEqual(['x', 'x']);
    expect(problems).toEqual([
      'line 2: time: must be an ISO 8601 instant with a zone, e.g. 2026-03-06T13:30:00Z',
      'line 3: time: must be an ISO 8601 instant with a zone, e.g. 2026-03-06T13:30:00Z',
      'line 3: title: is required',
      'line 3: currency: must be a 3-letter ISO code, e.g. USD',
      'line 3: impact: must be one of high, medium, low',
      'line 5: the same event as line 4 (x)',
    ]);
  });

  it('the header: unknown and missing columns', () => {
    expect(csvHeaderProblems(['time', 'title', 'impact', 'country'])).toEqual([]);
    expect(csvHeaderProblems(['date', 'title'])).toEqual([
      'line 1: date: unknown column (known: id, time, title, country, currency, impact)',
      'line 1: time: column is required',
      'line 1: impact: column is required',
    ]);
  });
});
