import { parseIsoDay, parseIsoInstant } from './iso-time';

describe('parseIsoInstant', () => {
  it('reads the ISO 8601 forms new Date cannot (week and ordinal dates) and the usual ones', () => {
    expect(new Date('2025-W01-1').getTime()).toBeNaN(); // why this parser exists
    expect(parseIsoInstant('2025-W01-1')?.toISOString()).toBe('2024-12-30T00:00:00.000Z');
    expect(parseIsoInstant('2025-001')?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parseIsoInstant('2025-11-22T10:00:00+05:00')?.toISOString()).toBe('2025-11-22T05:00:00.000Z');
    expect(parseIsoInstant('20251122T100000Z')?.toISOString()).toBe('2025-11-22T10:00:00.000Z');
    expect(parseIsoInstant('2025-11-22')?.toISOString()).toBe('2025-11-22T00:00:00.000Z');
  });

  it('answers null for anything else: impossible dates, other formats, times alone, out of range, not a string', () => {
    const bad: unknown[] = [
      '2025-13-01',
      '2025-02-30',
      '2025-11-22 10:00',
      '22/11/2025',
      '10:00',
      'T10:00',
      'now',
      '',
      '0000-01-01',
      '1969-12-31T23:59:59Z',
      '+275760-09-13',
      '2025-11-22T10:00:00Z'.padEnd(80, '0'),
      1732233600000,
      null,
      ['2025-11-22'],
    ];
    for (const b of bad) expect(parseIsoInstant(b)).toBeNull();
  });
});

describe('parseIsoDay', () => {
  it('accepts a real YYYY-MM-DD day and nothing else', () => {
    expect(parseIsoDay('2028-02-29')).toBe('2028-02-29');
    for (const b of [
      '2026-02-29',
      '2026-2-1',
      '2026-W01-1',
      '2026-001',
      '0000-01-01',
      '2026-01-01T00:00Z',
      7,
    ]) {
      expect(parseIsoDay(b)).toBeNull();
    }
  });
});
