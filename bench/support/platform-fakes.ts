import type { FakeOrderRecord, FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';

/** Three registry firms on the three platforms: APEX on generic REST, MFFU on Tradovate, TOPSTEP on ProjectX. */
export const BENCH_FIRMS = ['APEX', 'MFFU', 'TOPSTEP'] as const;

const REST_KEY = 'bench-rest-api-key-0123456789';
const TRADOVATE = {
  username: 'bench-user',
  password: 'bench-password-0123',
  cid: '8',
  sec: 'bench-sec-0123456789',
};
const PROJECTX = { userName: 'bench-px-user', apiKey: 'bench-px-api-key-0123456789' };

export interface PlatformFakes {
  fakes: FakePlatform[];
  /** The firms' connector settings, pointing at the fakes (short timeouts: a stuck order shows at once). */
  env: Record<string, string>;
  /** Every entry order the fakes hold, bracket children left out. */
  entryOrders(): FakeOrderRecord[];
  close(): Promise<void>;
}

export async function startPlatformFakes(): Promise<PlatformFakes> {
  const rest = await startRestFake({ credentials: { apiKey: REST_KEY } });
  const tradovate = await startTradovateFake({ credentials: TRADOVATE });
  const projectx = await startProjectXFake({ credentials: PROJECTX });
  const fakes = [rest, tradovate, projectx];
  return {
    fakes,
    env: { ...restEnv(rest.url), ...tradovateEnv(tradovate.url), ...projectXEnv(projectx.url) },
    entryOrders: () => fakes.flatMap((f) => f.orders()).filter((o) => o.clientOrderId !== null),
    close: async () => {
      await Promise.all(fakes.map((f) => f.close()));
    },
  };
}

/** Firm settings for dry-run scenarios: the same three firms, enabled, pointing nowhere (nothing is sent). */
export function dryRunFirmEnv(): Record<string, string> {
  const unused = 'http://127.0.0.1:9';
  return { ...restEnv(unused), ...tradovateEnv(unused), ...projectXEnv(unused) };
}

const resilience = (firm: string): Record<string, string> => ({
  [`${firm}_ENABLED`]: 'true',
  [`${firm}_TIMEOUT_MS`]: '2000',
  [`${firm}_MAX_RETRIES`]: '2',
  [`${firm}_RETRY_BASE_DELAY_MS`]: '20',
});

function restEnv(url: string): Record<string, string> {
  return { ...resilience('APEX'), APEX_PLATFORM: 'rest', APEX_BASE_URL: `${url}/v1`, APEX_API_KEY: REST_KEY };
}

function tradovateEnv(url: string): Record<string, string> {
  return {
    ...resilience('MFFU'),
    MFFU_PLATFORM: 'tradovate',
    MFFU_BASE_URL: url,
    MFFU_TRADOVATE_USERNAME: TRADOVATE.username,
    MFFU_TRADOVATE_PASSWORD: TRADOVATE.password,
    MFFU_TRADOVATE_APP_ID: 'PropRouterBench',
    MFFU_TRADOVATE_APP_VERSION: '1.0',
    MFFU_TRADOVATE_CID: TRADOVATE.cid,
    MFFU_TRADOVATE_SEC: TRADOVATE.sec,
    MFFU_TRADOVATE_DEVICE_ID: 'bench-device',
    MFFU_TRADOVATE_ACCOUNT_SPEC: 'BENCH1',
    MFFU_TRADOVATE_ACCOUNT_ID: '4242',
  };
}

function projectXEnv(url: string): Record<string, string> {
  return {
    ...resilience('TOPSTEP'),
    TOPSTEP_PLATFORM: 'projectx',
    TOPSTEP_BASE_URL: url,
    TOPSTEP_PROJECTX_USERNAME: PROJECTX.userName,
    TOPSTEP_API_KEY: PROJECTX.apiKey,
    TOPSTEP_PROJECTX_ACCOUNT_ID: '5151',
  };
}
