import type { FakeAccount, FakeOrderRecord, FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';

/**
 * The three loopback platform fakes started together, and the `{FIRM}_*` settings that point one firm at each:
 * one starter for the e2e tests, the reliability suites and the benchmark.
 */

/** Credentials the fakes demand and the service is configured with: long and unique, so a leak is findable. */
export const PLATFORM_SECRETS = {
  restApiKey: 'pr-rest-api-key-5f1c9a7e2d',
  tradovatePassword: 'pr-tradovate-password-8b3e41',
  tradovateSec: 'pr-tradovate-sec-0c7d2f9a61',
  projectxApiKey: 'pr-projectx-api-key-a94e17c3',
};
const TRADOVATE_USER = 'pr-tv-user';
const PROJECTX_USER = 'pr-px-user';

/** Which firm sits on which platform. */
export interface PlatformFirms {
  rest: string;
  tradovate: string;
  projectx: string;
}

/** The tests' firms: FTMO on the generic REST fake, APEX on Tradovate, TOPSTEP on ProjectX. */
export const FIRMS = ['FTMO', 'APEX', 'TOPSTEP'] as const;
export type Firm = (typeof FIRMS)[number];
export const TEST_FIRMS: PlatformFirms = { rest: 'FTMO', tradovate: 'APEX', projectx: 'TOPSTEP' };

/** Retry and breaker settings per firm (the `{FIRM}_` prefix is added). */
export const DEFAULT_RESILIENCE: Record<string, string> = {
  TIMEOUT_MS: '2000',
  MAX_RETRIES: '2',
  RETRY_BASE_DELAY_MS: '20',
};

export interface PlatformOptions {
  firms?: PlatformFirms;
  resilience?: Record<string, string>;
  /** Overrides merged last, e.g. `{ APEX_BREAKER_HALF_OPEN_MS: '500' }`. */
  extraEnv?: Record<string, string>;
  /**
   * The accounts each fake login holds (`/account/list`, `/api/Account/search`, `GET /accounts`); orders
   * to other accounts are then refused. Absent: any account is accepted (the seed-era env tests).
   */
  accounts?: Partial<Record<keyof PlatformFirms, FakeAccount[]>>;
}

export interface Platforms<F extends string = Firm> {
  byFirm: Record<F, FakePlatform>;
  fakes: FakePlatform[];
  /** `{FIRM}_*` connector settings pointing the three firms at their fakes. */
  env: Record<string, string>;
  /** Every entry order the fakes hold (bracket children carry no client order id). */
  entryOrders(): FakeOrderRecord[];
  /** One firm's entry orders by client order id. */
  ordersByClientId(firm: F): Map<string, FakeOrderRecord[]>;
  /** Request bodies for `POST /api/accounts/connections`: one login at each fake, with its credentials. */
  connections: Record<keyof PlatformFirms, ConnectionBody>;
  /** Moves the price of a root (`NQ`, `MNQZ5`, `ES1!`...) on all three fakes: fills what it crosses. */
  setPrice(symbol: string, price: string): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startPlatforms<F extends string = Firm>(
  opts: PlatformOptions = {},
): Promise<Platforms<F>> {
  const firms = opts.firms ?? TEST_FIRMS;
  const accounts = opts.accounts ?? {};
  const [rest, tradovate, projectx] = await Promise.all([
    startRestFake({ credentials: { apiKey: PLATFORM_SECRETS.restApiKey }, accounts: accounts.rest }),
    startTradovateFake({ credentials: TRADOVATE_CREDENTIALS, accounts: accounts.tradovate }),
    startProjectXFake({
      credentials: { userName: PROJECTX_USER, apiKey: PLATFORM_SECRETS.projectxApiKey },
      accounts: accounts.projectx,
    }),
  ]);
  const byFirm = { [firms.rest]: rest, [firms.tradovate]: tradovate, [firms.projectx]: projectx } as Record<
    F,
    FakePlatform
  >;
  const fakes = [rest, tradovate, projectx];
  const urls = { rest: rest.url, tradovate: tradovate.url, projectx: projectx.url };
  return {
    byFirm,
    fakes,
    env: { ...platformEnv(urls, opts), ...opts.extraEnv },
    entryOrders: () => fakes.flatMap((f) => f.orders()).filter(isRoutedOrder),
    ordersByClientId: (firm) => entryOrdersByClientId(byFirm[firm]),
    connections: connectionBodies(urls),
    setPrice: (symbol, price) => fakes.forEach((f) => f.setPrice(symbol, price)),
    reset: () => fakes.forEach((f) => f.reset()),
    close: async () => {
      await Promise.all(fakes.map((f) => f.close()));
    },
  };
}

const TRADOVATE_CREDENTIALS = {
  username: TRADOVATE_USER,
  password: PLATFORM_SECRETS.tradovatePassword,
  cid: '8',
  sec: PLATFORM_SECRETS.tradovateSec,
};

/** The three firms' connector settings for fakes at `urls` (e.g. an unused port for dry runs). */
export function platformEnv(
  urls: PlatformFirms,
  opts: Pick<PlatformOptions, 'firms' | 'resilience'> = {},
): Record<string, string> {
  const { rest, tradovate, projectx } = opts.firms ?? TEST_FIRMS;
  const resilience = (firm: string) => ({
    [`${firm}_ENABLED`]: 'true',
    ...Object.fromEntries(
      Object.entries(opts.resilience ?? DEFAULT_RESILIENCE).map(([k, v]) => [`${firm}_${k}`, v]),
    ),
  });
  return {
    // the fakes publish no request limit: ProjectX's 200 / 60 s would throttle a 500-signal test
    CONNECTOR_RATE_LIMITS: 'off',
    ...resilience(rest),
    [`${rest}_PLATFORM`]: 'rest',
    [`${rest}_BASE_URL`]: `${urls.rest}/v1`,
    [`${rest}_API_KEY`]: PLATFORM_SECRETS.restApiKey,
    ...resilience(tradovate),
    ...tradovateEnv(tradovate, urls.tradovate),
    ...resilience(projectx),
    [`${projectx}_PLATFORM`]: 'projectx',
    [`${projectx}_BASE_URL`]: urls.projectx,
    [`${projectx}_PROJECTX_USERNAME`]: PROJECTX_USER,
    [`${projectx}_API_KEY`]: PLATFORM_SECRETS.projectxApiKey,
    [`${projectx}_PROJECTX_ACCOUNT_ID`]: '777',
  };
}

function tradovateEnv(firm: string, url: string): Record<string, string> {
  return {
    [`${firm}_PLATFORM`]: 'tradovate',
    [`${firm}_BASE_URL`]: url,
    [`${firm}_TRADOVATE_USERNAME`]: TRADOVATE_USER,
    [`${firm}_TRADOVATE_PASSWORD`]: PLATFORM_SECRETS.tradovatePassword,
    [`${firm}_TRADOVATE_APP_ID`]: 'PropRouter',
    [`${firm}_TRADOVATE_APP_VERSION`]: '1.0',
    [`${firm}_TRADOVATE_CID`]: TRADOVATE_CREDENTIALS.cid,
    [`${firm}_TRADOVATE_SEC`]: PLATFORM_SECRETS.tradovateSec,
    [`${firm}_TRADOVATE_DEVICE_ID`]: 'pr-device-1',
    [`${firm}_TRADOVATE_ACCOUNT_SPEC`]: 'PRDEMO1',
    [`${firm}_TRADOVATE_ACCOUNT_ID`]: '4242',
  };
}

/**
 * A routed entry or exit order: it carries the router's client order id. Bracket children carry none; the
 * protective stop and flatten of a protected entry carry the entry's id with `-ps` / `-pf` in place of `-en`.
 */
export function isRoutedOrder(o: FakeOrderRecord): boolean {
  return o.clientOrderId !== null && !/-(ps|pf)$/.test(o.clientOrderId);
}

/** Entry orders only (bracket children and protective orders excluded), grouped by client order id. */
export function entryOrdersByClientId(fake: FakePlatform): Map<string, FakeOrderRecord[]> {
  const out = new Map<string, FakeOrderRecord[]>();
  for (const o of fake.orders()) {
    if (!o.clientOrderId || !isRoutedOrder(o)) continue;
    out.set(o.clientOrderId, [...(out.get(o.clientOrderId) ?? []), o]);
  }
  return out;
}

/**
 * Client timeout for connector tests against the fakes: far above a loopback answer (~1 ms) and the 150 ms
 * "slow" faults, yet short enough for the timeout cases. 300–400 ms timed out first requests when jest ran
 * two files beside other work on a 2-core machine.
 */
export const PLATFORM_TEST_TIMEOUT_MS = 1000;

/** A `POST /api/accounts/connections` body (the accounts API's field names). */
export interface ConnectionBody {
  name: string;
  platform: 'rest' | 'tradovate' | 'projectx';
  environment: 'demo';
  base_url: string;
  credentials: Record<string, string>;
}

/** One API connection per fake (the same logins the env settings use), e.g. to attach accounts to. */
export function connectionBodies(urls: PlatformFirms): Record<keyof PlatformFirms, ConnectionBody> {
  return {
    rest: {
      name: 'rest-login',
      platform: 'rest',
      environment: 'demo',
      base_url: `${urls.rest}/v1`,
      credentials: { api_key: PLATFORM_SECRETS.restApiKey },
    },
    tradovate: {
      name: 'tradovate-login',
      platform: 'tradovate',
      environment: 'demo',
      base_url: urls.tradovate,
      credentials: {
        username: TRADOVATE_USER,
        password: PLATFORM_SECRETS.tradovatePassword,
        app_id: 'PropRouter',
        app_version: '1.0',
        cid: TRADOVATE_CREDENTIALS.cid,
        sec: PLATFORM_SECRETS.tradovateSec,
        device_id: 'pr-device-1',
      },
    },
    projectx: {
      name: 'projectx-login',
      platform: 'projectx',
      environment: 'demo',
      base_url: urls.projectx,
      credentials: { username: PROJECTX_USER, api_key: PLATFORM_SECRETS.projectxApiKey },
    },
  };
}

/** Entry orders per platform account id (FakeOrderRecord.accountId; '' for orders naming no account). */
export function entryOrdersByAccount(fake: FakePlatform): Map<string, FakeOrderRecord[]> {
  const out = new Map<string, FakeOrderRecord[]>();
  for (const o of fake.orders()) {
    if (!isRoutedOrder(o)) continue;
    const key = o.accountId ?? '';
    out.set(key, [...(out.get(key) ?? []), o]);
  }
  return out;
}
