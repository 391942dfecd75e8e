import type { FakeOrderRecord, FakePlatform } from '../../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../../src/connectors/fakes/tradovate-fake';

/** One seeded firm per platform: FTMO on the generic REST fake, APEX on Tradovate, TOPSTEP on ProjectX. */
export const FIRMS = ['FTMO', 'APEX', 'TOPSTEP'] as const;
export type Firm = (typeof FIRMS)[number];

const REST_KEY = 'routing-rest-api-key-41c9e2';
const TRADOVATE = {
  username: 'routing-tv',
  password: 'routing-tv-password-7f2a',
  cid: '8',
  sec: 'routing-tv-sec-93be',
};
const PROJECTX = { userName: 'routing-px', apiKey: 'routing-px-api-key-5d0c' };

export interface Platforms {
  byFirm: Record<Firm, FakePlatform>;
  /** `{FIRM}_*` connector settings pointing the three firms at their fakes. */
  env: Record<string, string>;
  /** Entry orders each fake holds (bracket children carry no client order id), by client order id. */
  ordersByClientId(firm: Firm): Map<string, FakeOrderRecord[]>;
  reset(): void;
  close(): Promise<void>;
}

export async function startPlatforms(): Promise<Platforms> {
  const [rest, tradovate, projectx] = await Promise.all([
    startRestFake({ credentials: { apiKey: REST_KEY } }),
    startTradovateFake({ credentials: TRADOVATE }),
    startProjectXFake({ credentials: PROJECTX }),
  ]);
  const byFirm: Record<Firm, FakePlatform> = { FTMO: rest, APEX: tradovate, TOPSTEP: projectx };
  const env: Record<string, string> = {
    ...resilience('FTMO'),
    FTMO_PLATFORM: 'rest',
    FTMO_BASE_URL: `${rest.url}/v1`,
    FTMO_API_KEY: REST_KEY,
    ...resilience('APEX'),
    APEX_PLATFORM: 'tradovate',
    APEX_BASE_URL: tradovate.url,
    APEX_TRADOVATE_USERNAME: TRADOVATE.username,
    APEX_TRADOVATE_PASSWORD: TRADOVATE.password,
    APEX_TRADOVATE_APP_ID: 'PropRouter',
    APEX_TRADOVATE_APP_VERSION: '1.0',
    APEX_TRADOVATE_CID: TRADOVATE.cid,
    APEX_TRADOVATE_SEC: TRADOVATE.sec,
    APEX_TRADOVATE_DEVICE_ID: 'routing-device',
    APEX_TRADOVATE_ACCOUNT_SPEC: 'ROUTING1',
    APEX_TRADOVATE_ACCOUNT_ID: '4242',
    ...resilience('TOPSTEP'),
    TOPSTEP_PLATFORM: 'projectx',
    TOPSTEP_BASE_URL: projectx.url,
    TOPSTEP_PROJECTX_USERNAME: PROJECTX.userName,
    TOPSTEP_API_KEY: PROJECTX.apiKey,
    TOPSTEP_PROJECTX_ACCOUNT_ID: '777',
  };
  return {
    byFirm,
    env,
    ordersByClientId: (firm) => {
      const out = new Map<string, FakeOrderRecord[]>();
      for (const o of byFirm[firm].orders()) {
        if (o.clientOrderId) out.set(o.clientOrderId, [...(out.get(o.clientOrderId) ?? []), o]);
      }
      return out;
    },
    reset: () => Object.values(byFirm).forEach((f) => f.reset()),
    close: async () => {
      await Promise.all(Object.values(byFirm).map((f) => f.close()));
    },
  };
}

function resilience(firm: string): Record<string, string> {
  return {
    [`${firm}_ENABLED`]: 'true',
    [`${firm}_TIMEOUT_MS`]: '2000',
    [`${firm}_MAX_RETRIES`]: '2',
    [`${firm}_RETRY_BASE_DELAY_MS`]: '20',
  };
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
