import fc from 'fast-check';
import { WEBHOOK_PATH } from './signals';

/**
 * Webhook request cases. `expect` says what the answer must be: `valid` → 202 (a new task), `invalid` →
 * 400, `unauthorized` → 401, `too-large` → 413, `rejected` → any 4xx, `any` → 2xx or 4xx. Every case carries
 * a unique trade id where it has one, so a stored row can be traced to the request that made it.
 */
export type Expectation = 'valid' | 'invalid' | 'unauthorized' | 'too-large' | 'rejected' | 'any';

export interface WebhookCase {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  expect: Expectation;
  tradeId?: string;
}

export const BODY_LIMIT = 64 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };

const symbol = fc.constantFrom('NQ', 'ES', 'MNQ', 'NQ1!', 'CME_MINI:NQ1!', 'nqz2025', 'GC');
const side = fc.constantFrom('buy', 'sell', 'BUY', 'Sell');

/** A value of any JSON type, including the strings numbers are mistaken for. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0.5, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    '-1',
    '0',
    '0.5',
    '１２',
    '0x10',
    '1_000',
    ' ',
    '',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

function validFields(i: number) {
  return fc.record({
    trade_id: fc.constant(`fz-${i}`),
    event_type: fc.constantFrom('entry', 'ENTRY', 'Entry'),
    symbol,
    side,
    quantity: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }).map(String)),
    order_type: fc.constant('market'),
    risk_percent: fc.constantFrom(0.01, 0.005, '0.02'),
    firm_codes: fc.constantFrom(['FTMO'], 'FTMO, APEX', ['apex', 'topstep']),
    session: fc.constantFrom('RTH', 'NY AM'),
  });
}

/** Random bodies: each field valid or junk, extra fields, the secret right, wrong or missing. */
export function mixedCases(secret: string, start: number): fc.Arbitrary<WebhookCase> {
  return fc.nat().chain((n) => {
    const i = start + n;
    const field = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: valid }, junk);
    return fc
      .record(
        {
          trade_id: field(fc.constant(`fzm-${i}`)),
          event_type: field(fc.constantFrom('entry', 'exit', 'EXIT')),
          symbol: field(symbol),
          ticker: field(symbol),
          side: field(side),
          action: field(fc.constantFrom('buy', 'sell', 'exit', 'close')),
          quantity: field(fc.integer({ min: 1, max: 20 })),
          order_type: field(fc.constantFrom('market', 'limit', 'stop')),
          entry_price: field(fc.double({ min: 1, max: 30000, noNaN: true })),
          stop_loss: field(fc.double({ min: 1, max: 30000, noNaN: true })),
          stopLoss: field(fc.record({ stopPrice: fc.double({ min: 1, max: 30000, noNaN: true }) })),
          take_profit: field(fc.double({ min: 1, max: 30000, noNaN: true })),
          risk_percent: field(fc.double({ min: 0.001, max: 1, noNaN: true })),
          firm_codes: field(fc.array(fc.constantFrom('FTMO', 'APEX', 'TOPSTEP'), { maxLength: 3 })),
          program_ids: field(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 3 })),
          session: field(fc.string({ maxLength: 10 })),
          bias: field(fc.string({ maxLength: 10 })),
        },
        { requiredKeys: [] },
      )
      .chain((body) =>
        fc
          .tuple(
            fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 }),
            fc.oneof({ weight: 8, arbitrary: fc.constant<unknown>(secret) }, junk),
            fc.constantFrom(WEBHOOK_PATH, '/api/webhooks/signal'),
          )
          .map(([extra, s, path]) => ({
            kind: 'mixed',
            method: 'POST',
            path,
            headers: JSON_TYPE,
            body: JSON.stringify({ ...extra, ...body, secret: s }),
            expect: 'any' as const,
            tradeId: typeof body.trade_id === 'string' ? body.trade_id : undefined,
          })),
      );
  });
}

/** A valid entry, sent as JSON or as text/plain JSON (TradingView), with the secret in the body or header. */
export function validCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  return fc
    .tuple(
      validFields(i),
      fc.constantFrom('application/json', 'text/plain', 'text/plain; charset=utf-8'),
      fc.boolean(),
    )
    .map(([fields, type, inHeader]) => ({
      kind: 'valid',
      method: 'POST',
      path: WEBHOOK_PATH,
      headers: { 'content-type': type, ...(inHeader ? { 'x-webhook-secret': secret } : {}) },
      body: JSON.stringify(inHeader ? fields : { ...fields, secret }),
      expect: 'valid' as const,
      tradeId: fields.trade_id,
    }));
}

/** One known-bad field on an otherwise valid body: always a 400 naming it, never a task. */
const MUTATIONS: [string, (b: Record<string, unknown>) => void][] = [
  ...[-1, 0, 1.5, -0.5, 1e308, 'NaN', 'Infinity', '-Infinity', '1e400', 'abc', true, [1], { n: 1 }].map(
    (v): [string, (b: Record<string, unknown>) => void] => [
      `quantity=${JSON.stringify(v)}`,
      (b) => (b.quantity = v),
    ],
  ),
  ...[-5, 0, 'NaN', 'Infinity', 1e13, '1e400', {}, [100]].map(
    (v): [string, (b: Record<string, unknown>) => void] => [
      `entry_price=${JSON.stringify(v)}`,
      (b) => (b.entry_price = v),
    ],
  ),
  ...[5, -0.1, 0, 'NaN', 'Infinity', 'x'].map((v): [string, (b: Record<string, unknown>) => void] => [
    `risk_percent=${JSON.stringify(v)}`,
    (b) => (b.risk_percent = v),
  ]),
  ['no symbol', (b) => delete b.symbol],
  ['symbol={}', (b) => (b.symbol = {})],
  ['symbol=[]', (b) => (b.symbol = ['NQ'])],
  ['symbol=control char', (b) => (b.symbol = 'N\u0000Q')],
  ['trade_id=lone surrogate', (b) => (b.trade_id = `${String(b.trade_id)}\ud800`)],
  ['symbol=lone surrogate', (b) => (b.symbol = 'NQ\udc00')],
  ['session=lone surrogate', (b) => (b.session = '\ude80\ud83d')],
  ['bias=NUL', (b) => (b.bias = 'up\u0000')],
  ['bias=lone surrogate', (b) => (b.bias = '\udbff')],
  ['symbol too long', (b) => (b.symbol = 'N'.repeat(65))],
  ['side=hold', (b) => (b.side = 'hold')],
  ['side=5', (b) => (b.side = 5)],
  ['no side', (b) => delete b.side],
  ['event_type=enter', (b) => (b.event_type = 'enter')],
  ['order_type=iceberg', (b) => (b.order_type = 'iceberg')],
  ['limit without price', (b) => (b.order_type = 'limit')],
  ['stop above entry (buy)', (b) => Object.assign(b, { side: 'buy', entry_price: 100, stop_loss: 110 })],
  ['firm_codes=[1,2]', (b) => (b.firm_codes = [1, 2])],
  ['firm_codes=["!!"]', (b) => (b.firm_codes = ['!!'])],
  ['firm_codes={}', (b) => (b.firm_codes = { a: 1 })],
  ['program_ids=[-1]', (b) => (b.program_ids = [-1])],
  ['program_ids=[1.5]', (b) => (b.program_ids = [1.5])],
  ['program_ids=[2^31]', (b) => (b.program_ids = [2 ** 31])],
  ['trade_id={}', (b) => (b.trade_id = { id: 1 })],
  ['action=exit with event entry', (b) => (b.action = 'exit')],
];

export function invalidCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  return fc.tuple(validFields(i), fc.constantFrom(...MUTATIONS)).map(([fields, [name, mutate]]) => {
    const body: Record<string, unknown> = { ...fields, secret };
    mutate(body);
    return {
      kind: `invalid: ${name}`,
      method: 'POST',
      path: WEBHOOK_PATH,
      headers: JSON_TYPE,
      body: JSON.stringify(body),
      expect: 'invalid' as const,
      tradeId: fields.trade_id,
    };
  });
}

export function unauthorizedCase(secret: string, i: number): fc.Arbitrary<WebhookCase> {
  const wrong = fc.oneof(
    fc.constant<unknown>(undefined),
    fc.constantFrom<unknown>('', secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), 12345, null, [
      secret,
    ]),
    fc.string({ maxLength: 30 }),
  );
  return fc.tuple(validFields(i), wrong).map(([fields, s]) => ({
    kind: 'unauthorized',
    method: 'POST',
    path: WEBHOOK_PATH,
    headers: JSON_TYPE,
    body: JSON.stringify({ ...fields, secret: s }),
    expect: 'unauthorized' as const,
    tradeId: fields.trade_id,
  }));
}
