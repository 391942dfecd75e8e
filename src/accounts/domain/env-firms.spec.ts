import { envConnectionSpec, envFirmCandidates, EnvLookup, isEnvFirm } from './env-firms';

const lookup = (env: Record<string, string>): EnvLookup => ({
  raw: (n) => (env[n]?.trim() ? env[n].trim() : undefined),
  namesMatching: (p) => Object.keys(env).filter((k) => p.test(k)),
});

describe('env firms', () => {
  const env = lookup({
    APEX_ENABLED: 'true',
    ROUTER_ENABLED: 'false',
    MY_FIRM_PLATFORM: 'ProjectX',
    OTHER_ENABLED: 'true',
    OTHER_API_KEY: 'k',
    BLANK_ENABLED: ' ',
    ODD_PLATFORM: 'mt5',
  });

  it('candidates come from {FIRM}_ENABLED / {FIRM}_PLATFORM; only firms pass isEnvFirm', () => {
    expect(envFirmCandidates(env)).toEqual(['APEX', 'MY_FIRM', 'ODD', 'OTHER', 'ROUTER']);
    expect(isEnvFirm('ROUTER', env, false)).toBe(false);
    expect(isEnvFirm('APEX', env, true)).toBe(true);
    expect(isEnvFirm('OTHER', env, false)).toBe(true);
    expect(isEnvFirm('MY_FIRM', env, false)).toBe(true);
  });

  it('platform: {FIRM}_PLATFORM, else the seed default (FTMO/APEX → rest), else null', () => {
    expect(envConnectionSpec('APEX', env).platform).toBe('rest');
    expect(envConnectionSpec('MY_FIRM', env).platform).toBe('projectx');
    expect(envConnectionSpec('ODD', env).platform).toBeNull();
    expect(envConnectionSpec('OTHER', env).platform).toBeNull();
  });

  it('environment live only for the platform’s documented live URL', () => {
    const live = lookup({ T_PLATFORM: 'tradovate', T_BASE_URL: 'https://live.tradovateapi.com/v1/' });
    expect(envConnectionSpec('T', live)).toEqual({
      firm: 'T',
      platform: 'tradovate',
      environment: 'live',
      baseUrl: 'https://live.tradovateapi.com/v1',
    });
  });
});
