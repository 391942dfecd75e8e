import type { FakeOrderRecord, FakePlatform } from '../../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../../src/connectors/fakes/tradovate-fake';

/** Credentials the fakes demand and the service is configured with: long and unique, so a leak is findable. */
export const PLATFORM_SECRETS = {
  restApiKey: 'rel-rest-api-key-5f1c9a7e2d',
  tradovatePassword: 'rel-tradovate-password-8b3e41',
  tradovateSec: 'rel-tradovate-sec-0c7d2f9a61',
  projectxApiKey: 'rel-projectx-api-key-a94e17c3',
};

/** One firm per platform: FTMO on the generic REST fake, APEX on Tradovate, TOPSTEP on ProjectX. */
export const FIRMS = ['FTMO', 'APEX', 'TOPSTEP'] as const;
export type Firm = (typeof FIRMS)[number];

export interface Platforms {
  byFirm: Record<Firm, FakePlatform>;
  /** `{FIRM}_*` settings pointing the three firms at their fakes, with fast retries and a short breaker. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Per-firm overrides, e.g. `{ APEX_BREAKER_HALF_OPEN_MS: '500' }`. */
  extraEnv?: Record<string, string>;
}

export async function startPlatforms(opts: PlatformOptions = {}): Promise<Platforms> {
  const [rest, tradovate, projectx] = await Promise.all([
    startRestFake({ credentials: { apiKey: PLATFORM_SECRETS.restApiKey } }),
    startTradovateFake({
      credentials: {
        username: 'rel-tv-user',
        password: PLATFORM_SECRETS.tradovatePassword,
        cid: '8',
        sec: PLATFORM_SECRETS.tradovateSec,
      },
    }),
    startProjectXFake({ credentials: { userName: 'rel-px-user', apiKey: PLATFORM_SECRETS.projectxApiKey } }),
  ]);
  const env: Record<string, string> = {
    ...resilience('FTMO'),
    FTMO_PLATFORM: 'rest',
    FTMO_BASE_URL: `${rest.url}/v1`,
    FTMO_API_KEY: PLATFORM_SECRETS.restApiKey,
    ...resilience('APEX'),
    APEX_PLATFORM: 'tradovate',
    APEX_BASE_URL: tradovate.url,
    APEX_TRADOVATE_USERNAME: 'rel-tv-user',
    APEX_TRADOVATE_PASSWORD: PLATFORM_SECRETS.tradovatePassword,
    APEX_TRADOVATE_APP_ID: 'PropRouter',
    APEX_TRADOVATE_APP_VERSION: '1.0',
    APEX_TRADOVATE_CID: '8',
    APEX_TRADOVATE_SEC: PLATFORM_SECRETS.tradovateSec,
    APEX_TRADOVATE_DEVICE_ID: 'rel-device-1',
    APEX_TRADOVATE_ACCOUNT_SPEC: 'RELDEMO1',
    APEX_TRADOVATE_ACCOUNT_ID: '4242',
    ...resilience('TOPSTEP'),
    TOPSTEP_PLATFORM: 'projectx',
    TOPSTEP_BASE_URL: projectx.url,
    TOPSTEP_PROJECTX_USERNAME: 'rel-px-user',
    TOPSTEP_API_KEY: PLATFORM_SECRETS.projectxApiKey,
    TOPSTEP_PROJECTX_ACCOUNT_ID: '777',
    ...opts.extraEnv,
  };
  return {
    byFirm: { FTMO: rest, APEX: tradovate, TOPSTEP: projectx },
    env,
    close: async () => {
      await Promise.all([rest.close(), tradovate.close(), projectx.close()]);
    },
  };
}

function resilience(firm: string): Record<string, string> {
  return {
    [`${firm}_ENABLED`]: 'true',
    [`${firm}_TIMEOUT_MS`]: '1000',
    [`${firm}_MAX_RETRIES`]: '2',
    [`${firm}_RETRY_BASE_DELAY_MS`]: '20',
    [`${firm}_RETRY_MAX_DELAY_MS`]: '500',
    [`${firm}_BREAKER_THRESHOLD`]: '5',
    [`${firm}_BREAKER_HALF_OPEN_MS`]: '1000',
  };
}

/** Entry orders only (bracket children carry no client order id), grouped by client order id. */
export function entryOrdersByClientId(fake: FakePlatform): Map<string, FakeOrderRecord[]> {
  const out = new Map<string, FakeOrderRecord[]>();
  for (const o of fake.orders()) {
    if (!o.clientOrderId) continue;
    out.set(o.clientOrderId, [...(out.get(o.clientOrderId) ?? []), o]);
  }
  return out;
}
