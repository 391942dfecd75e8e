import fc from 'fast-check';
import { exampleFor, fillPath, OpenApiSchema, Operation, plausiblePathValue, resolve } from './openapi';

/**
 * Hostile values, by class, for every parameter and body field of every operation in the OpenAPI document
 * (issue 12): each as raw JSON text (for a body field, spliced in verbatim so `-0` and 10,000-deep arrays
 * survive) and as raw URL text (for a query string or path segment, percent-encoded as a client sends it).
 */
export interface HostileValue {
  cls: string;
  json: string;
  url: string;
}

const deepArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObjects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const v = (cls: string, json: string, url: string): HostileValue => ({ cls, json, url });

/** The pools: one value of each class is drawn per field (seeded), the 10,000-deep array always. */
export const HOSTILE_CLASSES: Record<string, HostileValue[]> = {
  nul: [v('nul', '"a\\u0000b"', 'a%00b'), v('nul', '"\\u0000"', '%00')],
  surrogate: [
    v('surrogate', '"x\\ud800"', 'x%ED%A0%80'),
    v('surrogate', '"\\udc00y"', '%ED%B0%80y'),
    v('surrogate', '"\\ude80\\ud83d"', '%ED%BA%80%ED%A0%BD'),
  ],
  deep: [
    v('deep', deepArrays(5_000), '%5B'.repeat(2_000)),
    v('deep', deepObjects(5_000), '%7B'.repeat(2_000)),
    v('deep', `[${deepArrays(7_000)},"FTMO"]`, `${'%5B'.repeat(1_500)}1`),
  ],
  date: [
    '2025-W01-1',
    '2025-001',
    '2025-13-01',
    '0000-01-01',
    '+275760-09-13T00:00:00Z',
    '2025-11-22T24:00:00Z',
  ].map((d) => v('date', JSON.stringify(d), encodeURIComponent(d))),
  'int-range': ['2147483648', '-2147483649', '9007199254740993', '1e20', '-1e20', '99999999999'].map((n) =>
    v('int-range', n, n),
  ),
  null: [v('null', 'null', 'null'), v('null', 'null', '')],
  '1e308': [v('1e308', '1e308', '1e308'), v('1e308', '-1e308', '-1e308')],
  'negative-zero': [v('negative-zero', '-0', '-0'), v('negative-zero', '-0.0', '-0.0')],
  'huge-string': [v('huge-string', JSON.stringify('x'.repeat(100_000)), 'x'.repeat(6_000))],
  'wrong-type': [
    v('wrong-type', 'true', 'true'),
    v('wrong-type', '{}', '%7B%7D'),
    v('wrong-type', '[1,"a"]', '%5B1%5D'),
    v('wrong-type', '"abc"', 'abc'),
    v('wrong-type', '12.5', '12.5'),
  ],
};
const DEEP_10K = v('deep', deepArrays(10_000), '%5B'.repeat(2_000));

/** One value of each class for a field, drawn from `seed`; the 10,000-deep array in every body field. */
export function hostileValuesFor(seed: number, where: 'body' | 'url'): HostileValue[] {
  const picks = Object.values(HOSTILE_CLASSES).map(
    (pool, i) => fc.sample(fc.constantFrom(...pool), { numRuns: 1, seed: seed + i })[0],
  );
  return where === 'body' ? [...picks, DEEP_10K] : picks;
}

export interface HostileRequest {
  op: Operation;
  /** What was made hostile: `query limit`, `path id`, `body price`, `body stopLoss.stopPrice`, `body (root)`. */
  target: string;
  cls: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

type Doc = Parameters<typeof exampleFor>[0];
const MARK = '"__hostile_value__"';

/** Every declared field of a body schema, one level of nested objects included (`stopLoss.stopPrice`). */
function bodyFields(doc: Doc, schema: OpenApiSchema): string[][] {
  const s = resolve(doc, schema);
  return Object.entries(s.properties ?? {}).flatMap(([k, sub]) => {
    const inner = resolve(doc, sub);
    const nested = Object.keys(inner.properties ?? {}).map((n) => [k, n]);
    return [[k], ...nested];
  });
}

function withMark(base: unknown, field: string[]): string {
  if (field.length === 0) return MARK;
  const copy = JSON.parse(JSON.stringify(base ?? {})) as Record<string, unknown>;
  let at = copy;
  for (const k of field.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[field[field.length - 1]] = '__hostile_value__';
  return JSON.stringify(copy);
}

/**
 * The hostile requests for one operation: each query and path parameter, each body field and the whole
 * body, with one value of every class; the other parts plausible (`extraBody` fills e.g. the webhook
 * secret). Bodies go as JSON, and also as text/plain where the operation takes it (the webhook).
 */
export function hostileRequests(
  doc: Doc,
  op: Operation,
  seed: number,
  extraBody: object = {},
): HostileRequest[] {
  const path = (hostile?: { name: string; url: string }) =>
    fillPath(op.path, (name) => {
      if (hostile?.name === name) return hostile.url;
      const p = op.params.find((x) => x.name === name && x.in === 'path');
      return p ? plausiblePathValue(p) : '1';
    });
  const base = op.bodySchema ? { ...(exampleFor(doc, op.bodySchema) as object), ...extraBody } : undefined;
  const plainBody = base === undefined ? undefined : JSON.stringify(base);
  const json = { 'content-type': 'application/json' };
  const out: HostileRequest[] = [];
  op.params
    .filter((p) => p.in === 'query' || p.in === 'path')
    .forEach((p, i) => {
      for (const h of hostileValuesFor(seed + 101 * i, 'url')) {
        const url = p.in === 'path' ? path({ name: p.name, url: h.url }) : `${path()}?${p.name}=${h.url}`;
        const headers = plainBody ? json : {};
        out.push({
          op,
          target: `${p.in} ${p.name}`,
          cls: h.cls,
          method: op.method,
          url,
          headers,
          body: plainBody,
        });
      }
    });
  if (base === undefined) return out;
  const fields = [[], ...bodyFields(doc, op.bodySchema!)];
  const types = op.path.startsWith('/api/webhooks')
    ? ['application/json', 'text/plain']
    : ['application/json'];
  fields.forEach((field, i) => {
    for (const [j, h] of hostileValuesFor(seed + 7 * i + 1, 'body').entries()) {
      const body = withMark(base, field).replace(MARK, () => h.json);
      // each value in one content type, in turn; deep nesting in every one (the cap must hold for all)
      for (const type of h.cls === 'deep' ? types : [types[(i + j) % types.length]]) {
        const target = `body ${field.length ? field.join('.') : '(root)'}`;
        out.push({
          op,
          target,
          cls: h.cls,
          method: op.method,
          url: path(),
          headers: { 'content-type': type },
          body,
        });
      }
    }
  });
  return out;
}

/** The route class a report groups by: the path segment after /api (auth, prop-registry, risk, …). */
export function routeClass(op: Operation): string {
  return op.path.split('/')[2] ?? op.path;
}
