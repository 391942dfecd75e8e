import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('jsonTooDeep', () => {
  it('allows nesting up to the limit and refuses one level more, arrays and objects alike', () => {
    expect(jsonTooDeep(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonTooDeep(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTooDeep(objects(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonTooDeep(objects(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('counts the levels of a field inside a body, as deep as 10,000', () => {
    expect(jsonTooDeep(`{"symbol":"NQ","firm_codes":${nested(10_000)}}`)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: '['.repeat(5000), quoted: 'say \\"[[[[\\" \\\\', n: [[1]] });
    expect(jsonTooDeep(text)).toBe(false);
  });

  it('agrees with the real depth of generated documents', () => {
    for (let depth = 1; depth <= 40; depth++) {
      const doc = JSON.stringify({ a: JSON.parse(nested(depth - 1) || 'null'), s: ']]]{{{' });
      expect(jsonTooDeep(doc, 20)).toBe(depth > 20);
    }
  });
});
