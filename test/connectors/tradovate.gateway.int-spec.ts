import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { expectDeferredThenSentOnce } from './support/deferred-send';
import { TV_CREDENTIALS } from './tradovate-support';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';

function tradovateFirmEnv(url: string): Record<string, string> {
  const p = 'APEX_TRADOVATE';
  return {
    APEX_ENABLED: 'true',
    APEX_PLATFORM: 'tradovate',
    APEX_BASE_URL: url,
    APEX_TIMEOUT_MS: String(PLATFORM_TEST_TIMEOUT_MS),
    APEX_MAX_RETRIES: '2',
    APEX_RETRY_BASE_DELAY_MS: '10',
    APEX_RETRY_MAX_DELAY_MS: '3000',
    [`${p}_USERNAME`]: TV_CREDENTIALS.username,
    [`${p}_PASSWORD`]: TV_CREDENTIALS.password,
    [`${p}_APP_ID`]: 'PropRouter',
    [`${p}_APP_VERSION`]: '1.0',
    [`${p}_CID`]: TV_CREDENTIALS.cid,
    [`${p}_SEC`]: TV_CREDENTIALS.sec,
    [`${p}_DEVICE_ID`]: 'device-1',
    [`${p}_ACCOUNT_SPEC`]: 'DEMO123',
    [`${p}_ACCOUNT_ID`]: '4242',
  };
}

describe('gateway over the Tradovate adapter and its fake', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;

  beforeAll(async () => {
    fake = await startTradovateFake({ credentials: TV_CREDENTIALS });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    t = buildGateway(tradovateFirmEnv(fake.url));
  });
  afterEach(() => t.close());

  it('a timeout after the platform acted yields SUCCESS with the one order it placed, never a second', async () => {
    fake.addFault({ fault: { kind: 'timeout' }, path: '/order/placeorder', times: 1 });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder({ symbol: 'NQ1!' }));
    expect(r).toMatchObject({ status: 'SUCCESS', external_order_id: fake.orders()[0]?.id });
    expect(fake.orders()).toHaveLength(1);
  });

  it('a timeout before acting is not re-sent in the call (Tradovate keeps no clOrdId unique); the next call looks it up, then sends it once', async () => {
    fake.addFault({ fault: { kind: 'timeout-before' }, path: '/order/placeorder', times: 1 });
    // the timed-out send may still be in the platform's queue: looked up, not found, not sent again
    await expectDeferredThenSentOnce(t.gateway, t.id('APEX'), marketOrder({ symbol: 'NQ1!' }), fake, (p) =>
      p.includes('/command/list') ? 'lookup' : p.includes('/order/placeorder') ? 'place' : undefined,
    );
  });

  it('a rejection is FAILED with the platform text, never retried', async () => {
    fake.addFault({ fault: { kind: 'reject', reason: 'TradingLocked' }, path: '/order/placeorder' });
    const r = await t.gateway.placeOrder(t.id('APEX'), marketOrder({ symbol: 'NQ1!' }));
    expect(r.status).toBe('FAILED');
    expect(r.error_message).toContain('TradingLocked');
    expect(fake.requests().filter((q) => q.path.includes('/order/placeorder'))).toHaveLength(1);
  });
});
