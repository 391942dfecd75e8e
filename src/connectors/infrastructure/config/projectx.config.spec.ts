import { FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { readProjectXConfig } from './projectx.config';

const full = {
  TOPSTEP_BASE_URL: 'https://api.topstepx.com/',
  TOPSTEP_PROJECTX_USERNAME: 'trader',
  TOPSTEP_API_KEY: 'secret-key',
  TOPSTEP_PROJECTX_ACCOUNT_ID: '465',
};

describe('readProjectXConfig', () => {
  it('reads the settings; live defaults to false', () => {
    expect(readProjectXConfig('TOPSTEP', new FirmEnvReader(full))).toEqual({
      config: {
        baseUrl: 'https://api.topstepx.com',
        username: 'trader',
        apiKey: 'secret-key',
        accountId: 465,
        live: false,
      },
      missing: [],
    });
    const live = readProjectXConfig('TOPSTEP', new FirmEnvReader({ ...full, TOPSTEP_PROJECTX_LIVE: 'yes' }));
    expect(live.config?.live).toBe(true);
  });

  it('names what is missing or malformed without throwing and without values', () => {
    const env = {
      ...full,
      TOPSTEP_API_KEY: undefined,
      TOPSTEP_PROJECTX_ACCOUNT_ID: '4x',
      TOPSTEP_PROJECTX_LIVE: 'maybe',
    };
    const result = readProjectXConfig('topstep', new FirmEnvReader(env));
    expect(result).toEqual({
      missing: [
        'TOPSTEP_API_KEY',
        'TOPSTEP_PROJECTX_ACCOUNT_ID (must be a whole number)',
        'TOPSTEP_PROJECTX_LIVE (must be true or false)',
      ],
    });
  });
});
