import { changedTables, tableDigests } from '../support/db-inspect';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

/**
 * One input rule for every string and number that reaches the database (issue 12, item 4): NUL and lone
 * surrogates, nesting depth, dates, integers and decimals out of their columns' range, null numbers.
 * Each answer is a 400 naming the field, never a 5xx, and a refused request changes no row.
 */
const SECRET = 'hostile-input-webhook-secret';
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const SURROGATE = 'must not contain unpaired UTF-16 surrogates';
const NUL = 'must not contain NUL';

describe('hostile input (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const details = (r: { body: { details?: string[] } }) => (r.body.details ?? []).join(' | ');

  beforeAll(async () => {
    t = await startTestApp({
      label: 'hostile_input',
      env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_IPS: undefined },
    });
    admin = await t.login();
  });
  afterAll(() => t?.close());

  /** Sends every request, expects each to be a 400 whose details match, and no row to change. */
  async function refusedUnchanged(
    requests: [string, string, { body?: unknown; raw?: string; headers?: Record<string, string> }, RegExp][],
  ) {
    // a refused webhook is recorded in webhook_refusals by design (README, "Refused alerts"): every other table
    const digests = () => withClient(t.db.url, (c) => tableDigests(c, ['webhook_refusals']));
    const before = await digests();
    for (const [method, path, opts, detail] of requests) {
      const r = await t.request(method, path, { token: admin, ...opts });
      expect({ path, status: r.status, details: details(r) }).toEqual({
        path,
        status: 400,
        details: expect.stringMatching(detail),
      });
    }
    expect(changedTables(before, await digests())).toEqual([]);
  }

  it('refuses a lone surrogate in each webhook text field (JSON and text/plain), storing nothing', async () => {
    const signal = {
      secret: SECRET,
      trade_id: 'hs-1',
      symbol: 'NQ',
      side: 'buy',
      quantity: 1,
      session: 'RTH',
      bias: 'up',
    };
    const requests = ['trade_id', 'symbol', 'session', 'bias'].flatMap((field) => {
      const body = { ...signal, [field]: 'x\ud800' };
      const text = JSON.stringify(body);
      return [
        ['POST', '/api/webhooks/tradingview', { body }, new RegExp(`^${field}: ${SURROGATE}`)],
        [
          'POST',
          '/api/webhooks/tradingview',
          { raw: text, headers: { 'content-type': 'text/plain' } },
          new RegExp(`^${field}: ${SURROGATE}`),
        ],
      ] as [string, string, { body?: unknown }, RegExp][];
    });
    await refusedUnchanged(requests);
  });

  it('keeps a group commit whole: valid signals sent beside refused ones are all accepted', async () => {
    const sends = Array.from({ length: 30 }, (_, i) =>
      t.request('POST', '/api/webhooks/signal', {
        body: {
          secret: SECRET,
          trade_id: i % 3 === 0 ? `gc-${i}\udc00` : `gc-${i}`,
          symbol: 'NQ',
          side: 'buy',
          quantity: 1,
        },
      }),
    );
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 400 : 202)));
  });

  it('refuses NUL and lone surrogates in every DTO field, key, query string and path parameter', async () => {
    await refusedUnchanged([
      ['POST', '/api/auth/login', { body: { username: 'admin\u0000', password: 'x' } }, /^username: .*NUL/],
      ['POST', '/api/risk/halts', { body: { reason: 'FOMC\u0000' } }, new RegExp(`^reason: ${NUL}`)],
      ['POST', '/api/risk/halts', { body: { reason: 'FOMC\ud83d' } }, new RegExp(`^reason: ${SURROGATE}`)],
      ['POST', '/api/auth/api-keys', { body: { name: 'k\u0000' } }, new RegExp(`^name: ${NUL}`)],
      [
        'POST',
        '/api/prop-registry/firms',
        { body: { code: 'NULX', name: 'a\u0000b' } },
        new RegExp(`^name: ${NUL}`),
      ],
      [
        'POST',
        '/api/prop-registry/firms',
        { body: { code: 'SURX', name: 'ok', meta: { notes: ['\udfff'] } } },
        /^meta\.notes\[0\]: /,
      ],
      [
        'POST',
        '/api/prop-registry/firms',
        { body: { code: 'KEYX', name: 'ok', meta: { 'k\u0000': 1 } } },
        /^meta\.k\ufffd: the key /,
      ],
      ['PUT', '/api/risk/accounts/FTMO/1', { body: { position_symbol: 'N\u0000Q' } }, /^position_symbol: /],
      ['GET', '/api/risk/accounts/FT%00MO/1', {}, new RegExp(`^firm_code: ${NUL}`)],
      ['GET', '/api/execution/orders?firm_code=%00', {}, /^firm_code: /],
      ['POST', '/api/prop-registry/import', { body: [{ code: 'IMPX', name: 'a\ud800' }] }, /^\[0\]\.name: /],
      [
        'POST',
        '/api/prop-registry/import',
        { raw: 'firm_code,firm_name\nIMPY,ok\nIMPZ,a\u0000b\n', headers: { 'content-type': 'text/csv' } },
        /^body \(line 3\): .*NUL/,
      ],
    ]);
  });

  it('caps nesting at parse time, JSON and text/plain alike, in any field, and keeps legitimate depth', async () => {
    const field = (depth: number) =>
      `{"secret":"${SECRET}","symbol":"NQ","side":"buy","firm_codes":${deep(depth)}}`;
    await refusedUnchanged([
      [
        'POST',
        '/api/auth/login',
        { raw: `{"username":${deep(5000)},"password":"x"}`, headers: { 'content-type': 'application/json' } },
        /nested deeper than 32/,
      ],
      [
        'POST',
        '/api/webhooks/signal',
        { raw: field(10_000), headers: { 'content-type': 'application/json' } },
        /^body: JSON nested deeper than 32 levels$/,
      ],
      [
        'POST',
        '/api/webhooks/signal',
        { raw: field(10_000), headers: { 'content-type': 'text/plain' } },
        /^body: JSON nested deeper than 32 levels$/,
      ],
      [
        'POST',
        '/api/webhooks/signal',
        { raw: field(33), headers: { 'content-type': 'text/plain' } },
        /nested deeper/,
      ],
      [
        'POST',
        '/api/prop-registry/import',
        {
          raw: `[{"code":"DEEP","name":"d","meta":{"x":${deep(6000)}}}]`,
          headers: { 'content-type': 'application/json' },
        },
        /nested deeper/,
      ],
    ]);
    let meta: unknown = 'leaf';
    for (let i = 0; i < 25; i++) meta = { n: meta };
    const r = await t.request('POST', '/api/prop-registry/firms', {
      token: admin,
      body: { code: 'NESTED', name: 'n', meta },
    });
    expect(r.status).toBe(201);
  });

  it('reads every ISO 8601 form with one strict parser and answers 400 to anything else', async () => {
    for (const since of ['2025-W01-1', '2025-001', '20251122T100000Z', '2025-11-22T10:00:00+05:00']) {
      expect(
        (await t.request('GET', `/api/execution/tasks?since=${encodeURIComponent(since)}`, { token: admin }))
          .status,
      ).toBe(200);
    }
    const fill = (filled_at: string) => ({
      body: { side: 'buy', quantity: 1, price: 21500, symbol: 'NQ', filled_at },
    });
    await refusedUnchanged([
      ...['2025-13-01', '0000-01-01', 'yesterday', '2025-11-22 10:00', '+275760-09-13'].map(
        (since) =>
          [
            'GET',
            `/api/execution/tasks?since=${encodeURIComponent(since)}`,
            {},
            /^since must be an ISO 8601 date-time/,
          ] as [string, string, object, RegExp],
      ),
      [
        'POST',
        '/api/risk/accounts/FTMO/1/fills',
        fill('2025-02-30T10:00:00Z'),
        /^filled_at must be an ISO 8601/,
      ],
      [
        'PUT',
        '/api/risk/accounts/FTMO/1',
        { body: { trading_day: '2026-W10-1' } },
        /^trading_day must be a calendar date/,
      ],
    ]);
    const week = await t.request('POST', '/api/risk/accounts/FTMO/1/fills', {
      token: admin,
      ...fill('2026-W11-1T15:00:00Z'),
    });
    expect(week.status).toBe(201);
    expect(week.body.account.open_contracts).toBe(1);
  });

  it('range-checks integers and decimals against their columns, and refuses null where a number is required', async () => {
    await refusedUnchanged([
      [
        'PUT',
        '/api/risk/accounts/FTMO/2',
        { body: { open_contracts: 1e15 } },
        /^open_contracts must not be greater than 2147483647/,
      ],
      ['PUT', '/api/risk/accounts/FTMO/2', { body: { balance: null } }, /^balance must be a number/],
      ['PUT', '/api/risk/accounts/FTMO/2', { body: { trading_day: null } }, /^trading_day must be/],
      [
        'PUT',
        '/api/risk/accounts/FTMO/2',
        { body: { balance: 1e308 } },
        /^balance must not be greater than 1000000000000000/,
      ],
      [
        'PUT',
        '/api/risk/accounts/FTMO/2',
        { body: { avg_price: 1e308 } },
        /^avg_price must not be greater than/,
      ],
      [
        'POST',
        '/api/risk/accounts/FTMO/2/fills',
        { body: { side: 'buy', quantity: 1, price: 1e308, symbol: 'NQ' } },
        /^price must not be greater than 1000000000000/,
      ],
      [
        'POST',
        '/api/risk/accounts/FTMO/2/fills',
        { body: { side: 'buy', quantity: 1, price: -0, symbol: 'NQ' } },
        /^price must be a positive number/,
      ],
      [
        'POST',
        '/api/prop-registry/programs',
        { body: { firm_id: 99_999_999_999, name: 'x', account_size: 1000 } },
        /^firm_id: must be at most 2147483647/,
      ],
      [
        'POST',
        '/api/prop-registry/scaling-rules',
        { body: { program_id: 99_999_999_999, scale_factor: 1.5 } },
        /program_id: must be at most 2147483647/,
      ],
    ]);
    const account = await t.request('GET', '/api/risk/accounts/FTMO/2', { token: admin });
    expect(account.body.balance).toEqual(expect.any(Number));
  });

  it('keeps usernames distinct unless they are the same text: lone surrogates refused, NFC forms collide with 409', async () => {
    const add = (username: string) =>
      t.request('POST', '/api/auth/users', {
        token: admin,
        body: { username, password: 'long-enough-pw', role: 'viewer' },
      });
    const [a, b] = [await add('trader\ud800'), await add('trader\ud801')];
    expect([a.status, b.status]).toEqual([400, 400]);
    expect(details(a)).toMatch(new RegExp(`^username: ${SURROGATE}`));
    expect((await add('caf\u00e9')).status).toBe(201);
    const decomposed = await add('cafe\u0301');
    expect(decomposed.status).toBe(409);
    expect((await add('cafe')).status).toBe(201);
    expect(await t.login('cafe\u0301', 'long-enough-pw')).toEqual(expect.any(String));
  });
});
