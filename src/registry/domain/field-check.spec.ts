import { FieldCheck, isJsonObject } from './field-check';

describe('FieldCheck', () => {
  it('treats missing and null alike: null when optional, "is required" otherwise', () => {
    const c = new FieldCheck({ a: null });
    expect(c.text('a', { max: 5 })).toBeNull();
    expect(c.text('b', { max: 5 })).toBeNull();
    expect(c.problems).toEqual([]);
    expect(c.text('a', { max: 5, required: true })).toBeNull();
    expect(c.int('b', { required: true })).toBeNull();
    expect(c.problems).toEqual(['a: is required', 'b: is required']);
  });

  it('collects every problem, prefixed, in the order checked', () => {
    const c = new FieldCheck({ name: '', size: 'ten', code: 'x' }, 'programs[2].');
    c.text('name', { max: 10 });
    c.int('size', {});
    c.text('code', { max: 10, pattern: /^[A-Z]+$/, hint: 'must be upper case' });
    expect(c.problems).toEqual([
      'programs[2].name: must be a non-empty string',
      'programs[2].size: must be an integer',
      'programs[2].code: must be upper case',
    ]);
  });

  describe('text', () => {
    it('accepts exactly max characters and refuses one more', () => {
      const c = new FieldCheck({ ok: 'abcde', long: 'abcdef' });
      expect(c.text('ok', { max: 5 })).toBe('abcde');
      expect(c.text('long', { max: 5 })).toBeNull();
      expect(c.problems).toEqual(['long: must be at most 5 characters']);
    });

    it('refuses blank text and non-strings', () => {
      const c = new FieldCheck({ blank: '   ', n: 5 });
      c.text('blank', { max: 10 });
      c.text('n', { max: 10 });
      expect(c.problems).toEqual(['blank: must be a non-empty string', 'n: must be a non-empty string']);
    });

    it('names the pattern when no hint is given', () => {
      const c = new FieldCheck({ v: 'a' });
      c.text('v', { max: 5, pattern: /^\d+$/ });
      expect(c.problems).toEqual(['v: must match /^\\d+$/']);
    });
  });

  it('oneOf: always required, and only the listed values', () => {
    const c = new FieldCheck({ s: 'paused', t: 'active' });
    expect(c.oneOf('t', ['active', 'inactive'])).toBe('active');
    expect(c.oneOf('s', ['active', 'inactive'])).toBeNull();
    expect(c.oneOf('missing', ['active'])).toBeNull();
    expect(c.problems).toEqual(['s: must be one of active, inactive', 'missing: is required']);
  });

  it('url: http and https only', () => {
    const c = new FieldCheck({
      a: 'https://x.io/p',
      b: 'http://x.io',
      f: 'ftp://x.io',
      j: 'javascript:alert(1)',
      n: 'not a url',
    });
    expect(c.url('a')).toBe('https://x.io/p');
    expect(c.url('b')).toBe('http://x.io');
    expect([c.url('f'), c.url('j'), c.url('n')]).toEqual([null, null, null]);
    expect(c.problems).toEqual([
      'f: must be an http(s) URL',
      'j: must be an http(s) URL',
      'n: must be an http(s) URL',
    ]);
  });

  describe('decimal', () => {
    it('counts decimal places exactly (0.1 + 0.2 has more than 2)', () => {
      const c = new FieldCheck({ ok: 12.34, over: 12.345, float: 0.1 + 0.2 });
      expect(c.decimal('ok', { places: 2 })).toBe(12.34);
      expect(c.decimal('over', { places: 2 })).toBeNull();
      expect(c.decimal('float', { places: 2 })).toBeNull();
      expect(c.problems).toEqual([
        'over: must have at most 2 decimal places',
        'float: must have at most 2 decimal places',
      ]);
    });

    it('min is inclusive unless aboveMin; max is inclusive', () => {
      const c = new FieldCheck({ zero: 0, one: 1, over: 1.0001 });
      expect(c.decimal('zero', { places: 4, min: 0 })).toBe(0);
      expect(c.decimal('zero', { places: 4, min: 0, aboveMin: true })).toBeNull();
      expect(c.decimal('one', { places: 4, max: 1 })).toBe(1);
      expect(c.decimal('over', { places: 4, max: 1 })).toBeNull();
      expect(c.problems).toEqual(['zero: must be greater than 0', 'over: must be at most 1']);
    });

    it('refuses numeric text, NaN and Infinity', () => {
      const c = new FieldCheck({ s: '5', nan: NaN, inf: Infinity });
      c.decimal('s', { places: 2 });
      c.decimal('nan', { places: 2 });
      c.decimal('inf', { places: 2 });
      expect(c.problems).toEqual(['s: must be a number', 'nan: must be a number', 'inf: must be a number']);
    });
  });

  describe('int', () => {
    it('refuses fractions and numeric text; min and max inclusive', () => {
      const c = new FieldCheck({ f: 1.5, s: '2', lo: 0, hi: 11, edge: 10 });
      c.int('f', {});
      c.int('s', {});
      c.int('lo', { min: 1 });
      c.int('hi', { max: 10 });
      expect(c.int('edge', { min: 10, max: 10 })).toBe(10);
      expect(c.problems).toEqual([
        'f: must be an integer',
        's: must be an integer',
        'lo: must be at least 1',
        'hi: must be at most 10',
      ]);
    });

    it('caps at the Postgres integer maximum when no max is given', () => {
      const c = new FieldCheck({ max: 2_147_483_647, over: 2_147_483_648 });
      expect(c.int('max', {})).toBe(2_147_483_647);
      expect(c.int('over', {})).toBeNull();
      expect(c.problems).toEqual(['over: must be at most 2147483647']);
    });
  });

  it('object: {} when absent, refused when an array or a scalar', () => {
    const c = new FieldCheck({ m: { a: 1 }, arr: [1], s: 'x' });
    expect(c.object('m')).toEqual({ a: 1 });
    expect(c.object('none')).toEqual({});
    expect(c.object('arr')).toEqual({});
    expect(c.object('s')).toEqual({});
    expect(c.problems).toEqual(['arr: must be a JSON object', 's: must be a JSON object']);
  });

  it('isJsonObject: plain objects only', () => {
    expect([{}, { a: 1 }].map(isJsonObject)).toEqual([true, true]);
    expect([null, [], 'x', 1, undefined].map(isJsonObject)).toEqual([false, false, false, false, false]);
  });
});
