import fc from 'fast-check';
import { BODY_LIMIT, WebhookCase } from './fuzz-bodies';
import { WEBHOOK_PATH } from './signals';

/** Bodies that are not JSON objects at all: broken JSON, other JSON values, bad bytes, prototype keys. */
export function malformedCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  const valid = JSON.stringify({ secret, trade_id: `fzx-${i}`, symbol: 'NQ', side: 'buy', quantity: 1 });
  const text = fc.oneof(
    fc.integer({ min: 1, max: valid.length - 1 }).map((k) => valid.slice(0, k)),
    fc.string({ maxLength: 60 }).map((s) => `{${s}`),
    fc.constantFrom(
      '{',
      '}',
      '{"a":}',
      '{"a":1,}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":Infinity}',
      '[1,2',
      'null,',
    ),
    fc.constantFrom(`{"__proto__":{"polluted":1},"secret":"${secret}","symbol":"NQ","side":"buy"}`),
    fc.constantFrom(`{"constructor":{"prototype":{"polluted":1}},"secret":"${secret}","symbol":"NQ"}`),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
      .map((v) => JSON.stringify(v)),
  );
  return fc.tuple(text, fc.constantFrom('application/json', 'text/plain')).map(([body, type]) => ({
    kind: 'malformed',
    method: 'POST',
    path: WEBHOOK_PATH,
    headers: { 'content-type': type, 'x-webhook-secret': secret },
    body,
    expect: 'rejected' as const,
  }));
}

const BAD_UTF8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]);

/** Valid bodies under content types the webhook does not take, and invalid bytes. */
export function contentTypeCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  const body = JSON.stringify({ secret, trade_id: `fzc-${i}`, symbol: 'NQ', side: 'buy', quantity: 1 });
  return fc
    .constantFrom<[string | undefined, string | Buffer]>(
      ['application/xml', '<signal><symbol>NQ</symbol></signal>'],
      ['application/x-www-form-urlencoded', `secret=${secret}&symbol=NQ&side=buy`],
      [
        'multipart/form-data; boundary=xyz',
        `--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--`,
      ],
      ['application/octet-stream', body],
      ['image/png', body],
      [undefined, body],
      ['application/json', BAD_UTF8],
      ['text/plain', BAD_UTF8],
      ['application/json; charset=utf-16', body],
      ['application/json', ''],
      ['text/plain', ''],
    )
    .map(([type, b]) => ({
      kind: `content-type ${type ?? 'none'}`,
      method: 'POST',
      path: WEBHOOK_PATH,
      headers: (type ? { 'content-type': type } : {}) as Record<string, string>,
      body: b,
      // a charset parameter on JSON is the parser's call: only "never 5xx" is promised for it
      expect: type?.includes('charset=utf-16') ? ('any' as const) : ('rejected' as const),
      tradeId: `fzc-${i}`,
    }));
}

/** Objects and arrays nested 33 to 40,000 deep, as JSON or text/plain: refused (past 64 KB, for size). */
export function deepCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  return fc
    .tuple(
      fc.integer({ min: 33, max: 40_000 }),
      fc.constantFrom('object', 'array', 'field'),
      fc.constantFrom('application/json', 'text/plain'),
    )
    .map(([depth, shape, type]) => {
      let body: string;
      if (shape === 'object') body = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      else if (shape === 'array') body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      else {
        const nested = `${'['.repeat(depth)}"FTMO"${']'.repeat(depth)}`;
        body = `{"secret":"${secret}","trade_id":"fzd-${i}","symbol":"NQ","side":"buy","firm_codes":${nested}}`;
      }
      const tooLarge = Buffer.byteLength(body) > BODY_LIMIT;
      return {
        kind: `deep ${shape}${tooLarge ? ' (oversize)' : ''}`,
        method: 'POST',
        path: WEBHOOK_PATH,
        headers: { 'content-type': type, 'x-webhook-secret': secret },
        body,
        expect: tooLarge ? ('too-large' as const) : ('rejected' as const),
        tradeId: `fzd-${i}`,
      };
    });
}

/** A valid signal padded past 64 KB (JSON and text/plain): 413. */
export function oversizeCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  return fc
    .tuple(
      fc.integer({ min: BODY_LIMIT + 1, max: 4 * BODY_LIMIT }),
      fc.constantFrom('application/json', 'text/plain'),
    )
    .map(([size, type]) => {
      const head = { secret, trade_id: `fzo-${i}`, symbol: 'NQ', side: 'buy', quantity: 1, note: '' };
      const pad = size - Buffer.byteLength(JSON.stringify(head));
      return {
        kind: 'oversize',
        method: 'POST',
        path: WEBHOOK_PATH,
        headers: { 'content-type': type },
        body: JSON.stringify({ ...head, note: 'x'.repeat(Math.max(pad, 0)) }),
        expect: 'too-large' as const,
        tradeId: `fzo-${i}`,
      };
    });
}

/** Methods the webhook does not serve. */
export function wrongMethodCase(secret: string): fc.Arbitrary<WebhookCase> {
  return fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE').map((method) => ({
    kind: `method ${method}`,
    method,
    path: WEBHOOK_PATH,
    headers: { 'x-webhook-secret': secret },
    expect: 'rejected' as const,
  }));
}
