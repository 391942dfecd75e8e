import type { NormalizedOrder } from '../../src/connectors/application/ports/connector-gateway.port';
import { ConnectorError, ConnectorErrorKind } from '../../src/connectors/domain/connector-errors';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import type { TradovateConfig } from '../../src/connectors/infrastructure/config/tradovate.config';
import type { PlatformHttpClient } from '../../src/connectors/infrastructure/http/platform-http-client';
import { TradovateLogin } from '../../src/connectors/infrastructure/tradovate/tradovate-login';
import type { TradovateConnector } from '../../src/connectors/infrastructure/tradovate/tradovate.connector';
import { SystemClock } from '../../src/platform/time/clock';
import { ContractCatalog, ContractSpec } from '../../src/sizing/application/ports/contract-catalog.port';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';
import { httpClientFor } from './support/http-client';

/** A hand-written catalog: the handful of roots the contract tests trade. */
export class SmallCatalog extends ContractCatalog {
  private readonly specs: Record<string, ContractSpec> = {
    NQ: { root: 'NQ', pointValue: 20, tickSize: 0.25, description: 'E-mini Nasdaq-100' },
    MNQ: { root: 'MNQ', pointValue: 2, tickSize: 0.25, description: 'Micro E-mini Nasdaq-100' },
    ES: { root: 'ES', pointValue: 50, tickSize: 0.25, description: 'E-mini S&P 500' },
    CL: { root: 'CL', pointValue: 1000, tickSize: 0.01, description: 'Crude oil' },
  };

  normalize(symbol: string): string | null {
    const bare = symbol
      .trim()
      .toUpperCase()
      .replace(/^[A-Z0-9_]+:/, '');
    const roots = Object.keys(this.specs).sort((a, b) => b.length - a.length);
    return roots.find((r) => new RegExp(`^${r}(\\d!|[FGHJKMNQUVXZ]\\d{1,4})?$`).test(bare)) ?? null;
  }

  spec(symbolOrRoot: string): ContractSpec | null {
    const root = this.normalize(symbolOrRoot);
    return root ? this.specs[root] : null;
  }
}

export const TV_CREDENTIALS = {
  username: 'tv-user',
  password: 'tv-password-secret-1',
  cid: '8',
  sec: 'tv-sec-0123456789abcdef',
};

export function tradovateConfig(url: string, overrides: Partial<TradovateConfig> = {}): TradovateConfig {
  return {
    baseUrl: url,
    username: TV_CREDENTIALS.username,
    password: TV_CREDENTIALS.password,
    appId: 'PropRouter',
    appVersion: '1.0',
    cid: TV_CREDENTIALS.cid,
    sec: TV_CREDENTIALS.sec,
    deviceId: 'device-1',
    accountSpec: 'DEMO123',
    accountId: 4242,
    ...overrides,
  };
}

export function tradovateConnector(
  fake: FakePlatform,
  opts: { timeoutMs?: number; config?: Partial<TradovateConfig>; http?: PlatformHttpClient } = {},
): TradovateConnector {
  const { accountId, accountSpec, ...config } = tradovateConfig(fake.url, opts.config);
  const login = new TradovateLogin({
    config,
    http: opts.http ?? httpClientFor(fake.url, opts.timeoutMs ?? PLATFORM_TEST_TIMEOUT_MS),
    clock: new SystemClock(),
    contracts: new SmallCatalog(),
  });
  return login.connector({
    firmCode: 'APEX',
    label: 'apex-test',
    platformAccount: String(accountId),
    platformAccountSpec: accountSpec,
  });
}

let seq = 0;
export function order(overrides: Partial<NormalizedOrder> = {}): NormalizedOrder {
  seq += 1;
  return {
    symbol: 'NQ1!',
    side: 'BUY',
    quantity: 1,
    order_type: 'MARKET',
    client_order_id: `tv-${process.pid}-${seq}`,
    ...overrides,
  };
}

/** The ConnectorError a call failed with (fails the test when it did not fail that way). */
export async function failure(call: Promise<unknown>): Promise<ConnectorError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a ConnectorError');
}

export async function expectKind(call: Promise<unknown>, kind: ConnectorErrorKind): Promise<ConnectorError> {
  const error = await failure(call);
  if (error.kind !== kind) throw new Error(`expected ${kind}, got ${error.kind}: ${error.message}`);
  return error;
}

export const count = (fake: FakePlatform, path: string): number =>
  fake.requests().filter((r) => r.path.toLowerCase().includes(path.toLowerCase())).length;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An access token from the fake, requested the way a client logs in (TV_CREDENTIALS): for direct calls in tests. */
export async function accessToken(fake: FakePlatform): Promise<string> {
  const res = await fetch(`${fake.url}/auth/accesstokenrequest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: TV_CREDENTIALS.username,
      password: TV_CREDENTIALS.password,
      cid: TV_CREDENTIALS.cid,
      sec: TV_CREDENTIALS.sec,
      appId: 'PropRouter',
      appVersion: '1.0',
      deviceId: 'd',
    }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}
