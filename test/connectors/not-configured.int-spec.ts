import { Logger } from '@nestjs/common';
import { buildGateway, GatewayUnderTest, marketOrder } from './rest-support';

const exit = {
  symbol: 'NQ',
  entry_side: 'BUY' as const,
  quantity: 1,
  entry_external_order_id: null,
  client_order_id: 'x-1',
};

describe('CONNECTOR_NOT_CONFIGURED: the missing settings are named, never their values', () => {
  let t: GatewayUnderTest;
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => t.close());

  const placed = async (env: Record<string, string>, firm: string) => {
    t = buildGateway(env);
    return t.gateway.placeOrder(t.id(firm), marketOrder());
  };

  it('FTMO and APEX default to the REST platform and need their key and base URL', async () => {
    const r = await placed({ APEX_ENABLED: 'true' }, 'APEX');
    expect(r).toEqual({
      status: 'FAILED',
      external_order_id: null,
      raw_request: expect.objectContaining({ symbol: 'NQ' }),
      raw_response: null,
      error_message: 'CONNECTOR_NOT_CONFIGURED: APEX is missing APEX_BASE_URL, APEX_API_KEY',
    });
  });

  it('a disabled firm names its ENABLED switch (and what else is missing)', async () => {
    const r = await placed(
      { FTMO_API_KEY: 'ftmo-secret-key-1', FTMO_BASE_URL: 'http://127.0.0.1:9' },
      'FTMO',
    );
    expect(r.error_message).toBe('CONNECTOR_NOT_CONFIGURED: FTMO is missing FTMO_ENABLED');
    expect(JSON.stringify(r)).not.toContain('ftmo-secret-key-1');
  });

  it('other registry firms have no default platform', async () => {
    const r = await placed({ TOPSTEP_ENABLED: 'true' }, 'TOPSTEP');
    expect(r.error_message).toBe('CONNECTOR_NOT_CONFIGURED: TOPSTEP is missing TOPSTEP_PLATFORM');
  });

  it('an unknown firm gets the same answer', async () => {
    const r = await placed({}, 'NOSUCHFIRM');
    expect(r.error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: NOSUCHFIRM is missing NOSUCHFIRM_ENABLED, NOSUCHFIRM_PLATFORM',
    );
  });

  it('names the missing Tradovate and ProjectX credentials', async () => {
    const tv = await placed(
      {
        MFFU_ENABLED: 'true',
        MFFU_PLATFORM: 'tradovate',
        MFFU_TRADOVATE_USERNAME: 'u',
        MFFU_TRADOVATE_PASSWORD: 'pw-secret-1',
      },
      'MFFU',
    );
    expect(tv.error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: MFFU is missing MFFU_BASE_URL, MFFU_TRADOVATE_APP_ID, MFFU_TRADOVATE_APP_VERSION, ' +
        'MFFU_TRADOVATE_CID, MFFU_TRADOVATE_SEC, MFFU_TRADOVATE_DEVICE_ID, MFFU_TRADOVATE_ACCOUNT_SPEC, MFFU_TRADOVATE_ACCOUNT_ID',
    );
    const px = await placed(
      {
        AQUA_ENABLED: 'yes',
        AQUA_PLATFORM: 'ProjectX',
        AQUA_BASE_URL: 'http://127.0.0.1:9',
        AQUA_PROJECTX_ACCOUNT_ID: 'abc',
      },
      'AQUA',
    );
    expect(px.error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: AQUA is missing AQUA_PROJECTX_USERNAME, AQUA_API_KEY, AQUA_PROJECTX_ACCOUNT_ID (must be a whole number)',
    );
  });

  it("malformed values are named with what is expected, not echoed (MAX_POSITION_SIZE is the risk gate's)", async () => {
    const env = {
      FTMO_ENABLED: 'maybe',
      FTMO_PLATFORM: 'mt5',
      FTMO_TIMEOUT_MS: 'soon',
      FTMO_MAX_POSITION_SIZE: '-1',
    };
    const r = await placed(env, 'FTMO');
    expect(r.error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: FTMO is missing FTMO_ENABLED (must be true or false), ' +
        'FTMO_PLATFORM (must be one of rest, tradovate, projectx, paper), FTMO_TIMEOUT_MS (must be a whole number >= 1)',
    );
    expect(r.error_message).not.toMatch(/maybe|mt5|soon/);
  });

  it('every operation answers the same way, and none throws', async () => {
    t = buildGateway({});
    const apex = t.id('APEX');
    const results = await Promise.all([
      t.gateway.getOrderStatus(apex, '1'),
      t.gateway.cancelOrder(apex, '1'),
      t.gateway.exitPosition(apex, exit),
      t.gateway.findOrder(apex, 'c', 'NQ'),
    ]);
    for (const r of results)
      expect(r?.error_message).toBe(
        'CONNECTOR_NOT_CONFIGURED: APEX is missing APEX_ENABLED, APEX_BASE_URL, APEX_API_KEY',
      );
  });

  it('an unknown account, or an account whose connection is gone, is named; nothing throws', async () => {
    t = buildGateway({});
    expect((await t.gateway.placeOrder(999, marketOrder())).error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: account 999 does not exist',
    );
    const orphan = t.directory.addAccount(4040, { label: 'orphan' });
    expect((await t.gateway.findOrder(orphan.id, 'c', 'NQ'))?.error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: connection 4040 of account "orphan" does not exist',
    );
  });

  it('an API connection names the credentials it lacks, and the account the platform account it lacks', async () => {
    t = buildGateway({});
    const c = t.directory.addConnection({
      name: 'tv-main',
      platform: 'tradovate',
      baseUrl: 'http://127.0.0.1:9/v1',
      credentials: { username: 'u', password: 'pw-secret-77' },
    });
    const a = t.directory.addAccount(c.id, {
      label: 'apex-1',
      platformAccount: '11',
      platformAccountSpec: 'A1',
    });
    const r = await t.gateway.placeOrder(a.id, marketOrder());
    expect(r.error_message).toBe('CONNECTOR_NOT_CONFIGURED: connection "tv-main" is missing cid, sec');
    expect(JSON.stringify(r)).not.toContain('pw-secret-77');
    t.directory.updateConnection(c.id, {
      credentials: {
        username: 'u',
        password: 'pw-secret-77',
        app_id: 'a',
        app_version: '1',
        cid: '8',
        sec: 's',
      },
    });
    const bare = t.directory.addAccount(c.id, { label: 'apex-2' });
    expect((await t.gateway.placeOrder(bare.id, marketOrder())).error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: account "apex-2" is missing platform_account (the Tradovate account id, a whole number)',
    );
    const px = t.directory.addConnection({
      name: 'px',
      platform: 'projectx',
      baseUrl: 'nope',
      credentials: {},
    });
    const pxAccount = t.directory.addAccount(px.id, { label: 'ts-1', platformAccount: '5' });
    expect((await t.gateway.placeOrder(pxAccount.id, marketOrder())).error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: connection "px" is missing username, api_key, base_url (must be an http(s) URL)',
    );
  });
});
