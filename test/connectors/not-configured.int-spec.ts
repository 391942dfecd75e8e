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
    return t.gateway.placeOrder(firm, marketOrder());
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

  it('malformed values are named with what is expected, not echoed', async () => {
    const env = {
      FTMO_ENABLED: 'maybe',
      FTMO_PLATFORM: 'mt5',
      FTMO_TIMEOUT_MS: 'soon',
      FTMO_MAX_POSITION_SIZE: '-1',
    };
    const r = await placed(env, 'FTMO');
    expect(r.error_message).toBe(
      'CONNECTOR_NOT_CONFIGURED: FTMO is missing FTMO_ENABLED (must be true or false), ' +
        'FTMO_PLATFORM (must be one of rest, tradovate, projectx), FTMO_TIMEOUT_MS (must be a whole number >= 1), ' +
        'FTMO_MAX_POSITION_SIZE (must be a number > 0)',
    );
    expect(r.error_message).not.toMatch(/maybe|mt5|soon/);
  });

  it('every operation answers the same way, and none throws', async () => {
    t = buildGateway({});
    const results = await Promise.all([
      t.gateway.getOrderStatus('APEX', '1'),
      t.gateway.cancelOrder('APEX', '1'),
      t.gateway.exitPosition('APEX', exit),
      t.gateway.findOrder('APEX', 'c', 'NQ'),
    ]);
    for (const r of results)
      expect(r?.error_message).toBe(
        'CONNECTOR_NOT_CONFIGURED: APEX is missing APEX_ENABLED, APEX_BASE_URL, APEX_API_KEY',
      );
  });

  it('status() lists platform, enabled, configured and the missing names; enabledFirms() only enabled ones', () => {
    t = buildGateway({
      APEX_ENABLED: 'true',
      APEX_BASE_URL: 'http://127.0.0.1:9',
      APEX_API_KEY: 'k-123456',
      TPT_ENABLED: 'on',
      TPT_PLATFORM: 'tradovate',
      ACME_PLATFORM: 'rest',
      ROUTER_ENABLED: 'true',
    });
    expect(t.gateway.status('APEX')).toEqual({
      firm_code: 'APEX',
      platform: 'rest',
      enabled: true,
      configured: true,
      missing: [],
      circuit: 'closed',
    });
    expect(t.gateway.status('TPT')).toMatchObject({
      platform: 'tradovate',
      enabled: true,
      configured: false,
      missing: expect.arrayContaining(['TPT_TRADOVATE_SEC']),
    });
    expect(t.gateway.status('ACME')).toEqual({
      firm_code: 'ACME',
      platform: 'rest',
      enabled: false,
      configured: false,
      missing: ['ACME_ENABLED', 'ACME_BASE_URL', 'ACME_API_KEY'],
      circuit: 'closed',
    });
    expect(t.gateway.enabledFirms()).toEqual(['APEX', 'TPT']);
    expect(t.gateway.knownFirms()).toEqual([
      'FTMO',
      'APEX',
      'TOPSTEP',
      'MFFU',
      'ALPHA',
      'TOPONE',
      'TRADEIFY',
      'FUNDINGTICKS',
      'FUNDEDNEXT',
      'AQUA',
      'TPT',
      'ACME',
    ]);
  });
});
