import { FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { readTradovateConfig } from './tradovate.config';

const full = {
  APEX_BASE_URL: 'https://demo.tradovateapi.com/v1/',
  APEX_TRADOVATE_USERNAME: 'trader',
  APEX_TRADOVATE_PASSWORD: 'secret-password',
  APEX_TRADOVATE_APP_ID: 'PropRouter',
  APEX_TRADOVATE_APP_VERSION: '1.0',
  APEX_TRADOVATE_CID: '8',
  APEX_TRADOVATE_SEC: 'secret-sec',
  APEX_TRADOVATE_DEVICE_ID: 'device',
  APEX_TRADOVATE_ACCOUNT_SPEC: 'DEMO123',
  APEX_TRADOVATE_ACCOUNT_ID: '4242',
};

describe('readTradovateConfig', () => {
  it('reads every setting, with the account id as a number and the base URL without a trailing slash', () => {
    const { config, missing } = readTradovateConfig('apex', new FirmEnvReader(full));
    expect(missing).toEqual([]);
    expect(config).toEqual({
      baseUrl: 'https://demo.tradovateapi.com/v1',
      username: 'trader',
      password: 'secret-password',
      appId: 'PropRouter',
      appVersion: '1.0',
      cid: '8',
      sec: 'secret-sec',
      deviceId: 'device',
      accountSpec: 'DEMO123',
      accountId: 4242,
    });
  });

  it('names every missing or malformed setting, never a value, and builds no config', () => {
    const env = {
      ...full,
      APEX_TRADOVATE_PASSWORD: ' ',
      APEX_TRADOVATE_SEC: undefined,
      APEX_TRADOVATE_ACCOUNT_ID: 'abc',
    };
    const result = readTradovateConfig('APEX', new FirmEnvReader(env));
    expect(result).toEqual({
      missing: [
        'APEX_TRADOVATE_PASSWORD',
        'APEX_TRADOVATE_SEC',
        'APEX_TRADOVATE_ACCOUNT_ID (must be a whole number)',
      ],
    });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
