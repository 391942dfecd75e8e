import { Logger } from '@nestjs/common';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { PX_CREDENTIALS } from './projectx-support';
import { API_KEY, buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { count, TV_CREDENTIALS } from './tradovate-support';

const TV_ACCOUNTS = [1, 2, 3, 4, 5].map((n) => ({ id: 7000 + n, name: `APEX-50K-0${n}` }));
const tvCredentials = (password = TV_CREDENTIALS.password) => ({
  username: TV_CREDENTIALS.username,
  password,
  app_id: 'PropRouter',
  app_version: '1.0',
  cid: TV_CREDENTIALS.cid,
  sec: TV_CREDENTIALS.sec,
});

describe('accounts on connections: one login per connection, orders at each platform account', () => {
  let tradovate: FakePlatform;
  let projectx: FakePlatform;
  let rest: FakePlatform;
  let t: GatewayUnderTest;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    [tradovate, projectx, rest] = await Promise.all([
      startTradovateFake({ credentials: TV_CREDENTIALS, accounts: TV_ACCOUNTS }),
      startProjectXFake({
        credentials: PX_CREDENTIALS,
        accounts: [
          { id: 465, name: 'TS-50K-A' },
          { id: 466, name: 'TS-50K-B' },
        ],
      }),
      startRestFake({
        credentials: { apiKey: API_KEY },
        accounts: [
          { id: 'R-1', name: 'Rest one' },
          { id: 'R-2', name: 'Rest two' },
        ],
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tradovate.close(), projectx.close(), rest.close()]);
  });
  beforeEach(() => {
    [tradovate, projectx, rest].forEach((f) => f.reset());
    t = buildGateway({});
  });
  afterEach(() => t.close());

  const tradovateLogin = () => {
    const c = t.directory.addConnection({
      name: 'apex-login',
      platform: 'tradovate',
      baseUrl: tradovate.url,
      credentials: tvCredentials(),
    });
    const accounts = TV_ACCOUNTS.map((a, i) =>
      t.directory.addAccount(c.id, {
        label: `apex-${i + 1}`,
        platformAccount: String(a.id),
        platformAccountSpec: a.name,
      }),
    );
    return { connection: c, accounts };
  };

  it('five accounts on one Tradovate login share one session: one token request, one order per account', async () => {
    const { accounts } = tradovateLogin();
    const results = await Promise.all(
      accounts.map((a) => t.gateway.placeOrder(a.id, marketOrder({ symbol: 'NQ1!', quantity: 1 }))),
    );
    expect(results.map((r) => r.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(count(tradovate, '/auth/accesstokenrequest')).toBe(1);
    const placed = tradovate.orders().map((o) => [o.accountId, o.accountSpec]);
    expect(placed.sort()).toEqual(TV_ACCOUNTS.map((a) => [String(a.id), a.name]));
    const exit = await t.gateway.exitPosition(accounts[1].id, {
      symbol: 'NQ1!',
      entry_side: 'BUY',
      quantity: 1,
      entry_external_order_id: null,
      client_order_id: 'exit-apex-2',
    });
    expect(exit.status).toBe('SUCCESS');
    expect(tradovate.accountPositions()['7002']).toEqual({ NQZ5: 0 });
    expect(tradovate.accountPositions()['7001']).toEqual({ NQZ5: 1 });
  });

  it('ProjectX and REST logins: each order at its account id, one login each', async () => {
    const px = t.directory.addConnection({
      name: 'topstep-login',
      platform: 'projectx',
      baseUrl: projectx.url,
      credentials: { username: PX_CREDENTIALS.userName, api_key: PX_CREDENTIALS.apiKey },
    });
    const rs = t.directory.addConnection({
      name: 'rest-key',
      platform: 'rest',
      baseUrl: `${rest.url}/v1`,
      credentials: { api_key: API_KEY },
    });
    const ids = [
      t.directory.addAccount(px.id, { label: 'ts-a', platformAccount: '465' }).id,
      t.directory.addAccount(px.id, { label: 'ts-b', platformAccount: '466' }).id,
      t.directory.addAccount(rs.id, { label: 'r-1', platformAccount: 'R-1' }).id,
      t.directory.addAccount(rs.id, { label: 'r-2', platformAccount: 'R-2' }).id,
    ];
    const results = await Promise.all(
      ids.map((id) => t.gateway.placeOrder(id, marketOrder({ quantity: 1 }))),
    );
    expect(results.map((r) => r.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(projectx.orders().map((o) => o.accountId)).toEqual(['465', '466']);
    expect(count(projectx, '/api/Auth/loginKey')).toBe(1);
    expect(rest.orders().map((o) => o.accountId)).toEqual(['R-1', 'R-2']);
    const stray = t.directory.addAccount(px.id, { label: 'ts-stray', platformAccount: '999' });
    const refused = await t.gateway.placeOrder(stray.id, marketOrder({ quantity: 1 }));
    expect(refused).toMatchObject({ status: 'FAILED', error_message: expect.stringContaining('999') });
  });

  it('a fan-out of 20 accounts on one login: 20 orders, one token request, nothing queued or refused', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: 8000 + i, name: `APEX-${i}` }));
    const big = await startTradovateFake({ credentials: TV_CREDENTIALS, accounts: many });
    try {
      const c = t.directory.addConnection({
        name: 'apex-20',
        platform: 'tradovate',
        baseUrl: big.url,
        credentials: tvCredentials(),
      });
      const accounts = many.map((a) =>
        t.directory.addAccount(c.id, {
          label: a.name,
          platformAccount: String(a.id),
          platformAccountSpec: a.name,
        }),
      );
      const results = await Promise.all(
        accounts.map((a) => t.gateway.placeOrder(a.id, marketOrder({ symbol: 'NQ1!', quantity: 1 }))),
      );
      expect(results.every((r) => r.status === 'SUCCESS')).toBe(true);
      expect(new Set(big.orders().map((o) => o.accountId)).size).toBe(20);
      expect(count(big, '/auth/accesstokenrequest')).toBe(1);
      const entry = t.gateway.connections.all().find((e) => e.connectionId === c.id);
      expect(entry?.limiter.snapshot()).toMatchObject({ queued: 0 });
      expect(entry?.limiter.snapshot().tokens).toBeGreaterThan(900);
    } finally {
      await big.close();
    }
  });

  it('edited credentials take effect on the next order: the session is rebuilt on a new revision', async () => {
    const { connection, accounts } = tradovateLogin();
    t.directory.updateConnection(connection.id, { credentials: tvCredentials('wrong-password-123') });
    const refused = await t.gateway.placeOrder(accounts[0].id, marketOrder({ symbol: 'NQ1!' }));
    expect(refused).toMatchObject({
      status: 'FAILED',
      error_message: expect.stringMatching(/^FATAL: .*Incorrect/),
    });
    t.directory.updateConnection(connection.id, { credentials: tvCredentials() });
    const placed = await t.gateway.placeOrder(accounts[0].id, marketOrder({ symbol: 'NQ1!' }));
    expect(placed.status).toBe('SUCCESS');
    expect(count(tradovate, '/auth/accesstokenrequest')).toBe(2);
    await t.gateway.placeOrder(accounts[1].id, marketOrder({ symbol: 'NQ1!' }));
    expect(count(tradovate, '/auth/accesstokenrequest')).toBe(2); // same revision: the session is reused
    expect(JSON.stringify([refused, placed])).not.toContain('wrong-password-123');
  });

  it('testConnection lists the accounts a login can trade, or says why not, never with a credential', async () => {
    const { connection } = tradovateLogin();
    expect(await t.gateway.testConnection(connection.id)).toEqual({
      ok: true,
      accounts: TV_ACCOUNTS.map((a) => ({ platform_account: String(a.id), name: a.name })),
    });
    t.directory.updateConnection(connection.id, { credentials: tvCredentials('pw-not-it-4411') });
    const failed = await t.gateway.testConnection(connection.id);
    expect(failed).toEqual({ ok: false, error: expect.stringContaining('Incorrect username or password') });
    const px = t.directory.addConnection({
      name: 'px',
      platform: 'projectx',
      baseUrl: projectx.url,
      credentials: { username: PX_CREDENTIALS.userName, api_key: PX_CREDENTIALS.apiKey },
    });
    expect(await t.gateway.testConnection(px.id)).toEqual({
      ok: true,
      accounts: [
        { platform_account: '465', name: 'TS-50K-A' },
        { platform_account: '466', name: 'TS-50K-B' },
      ],
    });
    const rs = t.directory.addConnection({
      name: 'r',
      platform: 'rest',
      baseUrl: `${rest.url}/v1`,
      credentials: {},
    });
    expect(await t.gateway.testConnection(rs.id)).toEqual({
      ok: false,
      error: 'CONNECTOR_NOT_CONFIGURED: connection "r" is missing api_key',
    });
    t.directory.updateConnection(rs.id, { credentials: { api_key: API_KEY } });
    expect((await t.gateway.testConnection(rs.id)).accounts).toEqual([
      { platform_account: 'R-1', name: 'Rest one' },
      { platform_account: 'R-2', name: 'Rest two' },
    ]);
    expect(await t.gateway.testConnection(999)).toEqual({
      ok: false,
      error: 'connection 999 does not exist',
    });
    const text = JSON.stringify(failed);
    for (const secret of ['pw-not-it-4411', TV_CREDENTIALS.password, TV_CREDENTIALS.sec]) {
      expect(text).not.toContain(secret);
    }
  });

  it('an env account (no platform_account) trades the account its {FIRM}_TRADOVATE_ACCOUNT_ID names', async () => {
    const env = buildGateway({
      APEX_ENABLED: 'true',
      APEX_PLATFORM: 'tradovate',
      APEX_BASE_URL: tradovate.url,
      APEX_TRADOVATE_USERNAME: TV_CREDENTIALS.username,
      APEX_TRADOVATE_PASSWORD: TV_CREDENTIALS.password,
      APEX_TRADOVATE_APP_ID: 'PropRouter',
      APEX_TRADOVATE_APP_VERSION: '1.0',
      APEX_TRADOVATE_CID: TV_CREDENTIALS.cid,
      APEX_TRADOVATE_SEC: TV_CREDENTIALS.sec,
      APEX_TRADOVATE_DEVICE_ID: 'device-1',
      APEX_TRADOVATE_ACCOUNT_SPEC: 'APEX-50K-03',
      APEX_TRADOVATE_ACCOUNT_ID: '7003',
    });
    try {
      expect((await env.gateway.placeOrder(env.id('APEX'), marketOrder({ symbol: 'NQ1!' }))).status).toBe(
        'SUCCESS',
      );
      expect(tradovate.orders().map((o) => [o.accountId, o.accountSpec])).toEqual([['7003', 'APEX-50K-03']]);
    } finally {
      env.close();
    }
  });

  it('a p-captcha locks the login out: the order fails at once and later ones are not even sent', async () => {
    const { accounts } = tradovateLogin();
    tradovate.addFault({
      fault: { kind: 'penalty', pTime: 5, captcha: true },
      path: '/order/placeorder',
      times: 1,
    });
    const first = await t.gateway.placeOrder(accounts[0].id, marketOrder({ symbol: 'NQ1!' }));
    expect(first).toMatchObject({ status: 'FAILED', error_message: expect.stringContaining('p-captcha') });
    const sent = tradovate.requests().length;
    const second = await t.gateway.placeOrder(accounts[1].id, marketOrder({ symbol: 'NQ1!' }));
    expect(second).toMatchObject({
      status: 'FAILED',
      error_message: expect.stringContaining('locked out until'),
    });
    expect(tradovate.requests()).toHaveLength(sent);
  });

  it('CONNECTOR_RATE_LIMITS=off (fakes, benchmarks) drops the published limits; by default they apply', async () => {
    const off = buildGateway({ CONNECTOR_RATE_LIMITS: 'off' });
    try {
      for (const [gw, tokens] of [
        [t, 1000],
        [off, null],
      ] as const) {
        const c = gw.directory.addConnection({
          name: 'px',
          platform: 'projectx',
          baseUrl: projectx.url,
          credentials: { username: PX_CREDENTIALS.userName, api_key: PX_CREDENTIALS.apiKey },
        });
        await gw.gateway.testConnection(c.id);
        const entry = gw.gateway.connections.all().find((e) => e.connectionId === c.id);
        expect(entry?.limiter.snapshot().tokens).toBe(tokens === null ? null : 200 - 2);
      }
    } finally {
      off.close();
    }
  });

  it('a Tradovate account configured by id only gets its spec from /account/list (once per login)', async () => {
    const { connection } = tradovateLogin();
    const byId = t.directory.addAccount(connection.id, { label: 'apex-id-only', platformAccount: '7004' });
    const stranger = t.directory.addAccount(connection.id, {
      label: 'apex-unknown',
      platformAccount: '9999',
    });
    expect((await t.gateway.placeOrder(byId.id, marketOrder({ symbol: 'NQ1!' }))).status).toBe('SUCCESS');
    expect((await t.gateway.placeOrder(byId.id, marketOrder({ symbol: 'NQ1!' }))).status).toBe('SUCCESS');
    expect(tradovate.orders().map((o) => [o.accountId, o.accountSpec])).toEqual([
      ['7004', 'APEX-50K-04'],
      ['7004', 'APEX-50K-04'],
    ]);
    expect(count(tradovate, '/account/list')).toBe(1);
    const refused = await t.gateway.placeOrder(stranger.id, marketOrder({ symbol: 'NQ1!' }));
    expect(refused).toMatchObject({
      status: 'FAILED',
      error_message: "REJECTED: Tradovate: account 9999 is not among this login's accounts",
    });
  });
});
