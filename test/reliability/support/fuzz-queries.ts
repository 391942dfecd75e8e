import fc from 'fast-check';
import type { OpenApiSchema, Operation } from './openapi';

/** Values that look right to the schema, and the usual suspects that do not. */
function valueFor(schema: OpenApiSchema | undefined): fc.Arbitrary<string> {
  const typed: fc.Arbitrary<string>[] = [];
  if (schema?.enum?.length) typed.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema?.type === 'integer' || schema?.type === 'number') {
    typed.push(fc.integer({ min: -10, max: 1000 }).map(String), fc.double().map(String));
  }
  if (schema?.format === 'date-time' || /since|from|to/i.test(schema?.example?.toString() ?? '')) {
    typed.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  }
  typed.push(fc.constantFrom('FTMO', 'APEX', 'PENDING', 'COMPLETED', '1', '50', '2025-11-22T00:00:00Z'));
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...typed) },
    fc.constantFrom(
      '',
      ' ',
      '-1',
      '0',
      '1.5',
      '1e400',
      '-0',
      'NaN',
      'Infinity',
      '9'.repeat(40),
      '0x1f',
      'true',
    ),
    fc.constantFrom("' OR 1=1--", '1;DROP TABLE users', '../../etc/passwd', '\u0000', '<script>'),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
}

/** Raw (not encoded) fragments a hand-made or hostile client sends. */
const RAW_FRAGMENTS = [
  '%',
  '%zz',
  '%C3%28',
  '%00',
  '&&&',
  '=',
  '==',
  'a[b]=1',
  'limit[]=1&limit[]=2',
  'offset=1&offset=2',
  '%FF%FE',
];

/** A query string for `op`: declared parameters with fuzzed values, unknown ones, repeats, raw fragments. */
export function queryFor(op: Operation): fc.Arbitrary<string> {
  const declared = op.params.filter((p) => p.in === 'query');
  const pair = fc
    .oneof(
      { weight: 4, arbitrary: declared.length ? fc.constantFrom(...declared) : fc.constant(undefined) },
      fc.constant(undefined),
    )
    .chain((p) =>
      p
        ? valueFor(p.schema).map((v) => `${p.name}=${enc(v)}`)
        : fc
            .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 }))
            .map(([k, v]) => `${enc(k)}=${enc(v)}`),
    );
  const part = fc.oneof({ weight: 6, arbitrary: pair }, fc.constantFrom(...RAW_FRAGMENTS));
  return fc.array(part, { minLength: 0, maxLength: 5 }).map((parts) => parts.join('&'));
}

/** encodeURIComponent, except that a lone surrogate goes out as the raw bytes a careless client would send. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return Buffer.from(s, 'utf8')
      .toString('latin1')
      .replace(/[^\w.~-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  }
}
