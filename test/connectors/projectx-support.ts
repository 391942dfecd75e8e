import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import type { ProjectXConfig } from '../../src/connectors/infrastructure/config/projectx.config';
import { ProjectXLogin } from '../../src/connectors/infrastructure/projectx/projectx-login';
import type { ProjectXConnector } from '../../src/connectors/infrastructure/projectx/projectx.connector';
import { Clock, SystemClock } from '../../src/platform/time/clock';
import { SmallCatalog } from './tradovate-support';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';
import { httpClientFor } from './support/http-client';

export const PX_CREDENTIALS = { userName: 'px-user', apiKey: 'px-api-key-0123456789abcdef' };
export const PX_ACCOUNT = 465;

export function projectXConnector(
  fake: FakePlatform,
  opts: { timeoutMs?: number; config?: Partial<ProjectXConfig>; clock?: Clock } = {},
): ProjectXConnector {
  const { accountId, ...config } = {
    baseUrl: fake.url,
    username: PX_CREDENTIALS.userName,
    apiKey: PX_CREDENTIALS.apiKey,
    accountId: PX_ACCOUNT,
    live: false,
    ...opts.config,
  };
  const login = new ProjectXLogin({
    config,
    http: httpClientFor(fake.url, opts.timeoutMs ?? PLATFORM_TEST_TIMEOUT_MS),
    clock: opts.clock ?? new SystemClock(),
    contracts: new SmallCatalog(),
  });
  return login.connector({
    firmCode: 'TOPSTEP',
    label: 'topstep-test',
    platformAccount: String(accountId),
    platformAccountSpec: null,
  });
}

/** A clock the test moves by hand. */
export class ManualClock extends Clock {
  private t = Date.now();
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
