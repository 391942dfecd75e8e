import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { PX_ACCOUNT, PX_CREDENTIALS } from './projectx-support';
import { buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { expectDeferredThenSentOnce } from './support/deferred-send';
import { PLATFORM_TEST_TIMEOUT_MS } from '../support/platforms';

const env = (url: string): Record<string, string> => ({
  TOPSTEP_ENABLED: 'true',
  TOPSTEP_PLATFORM: 'projectx',
  TOPSTEP_BASE_URL: url,
  TOPSTEP_API_KEY: PX_CREDENTIALS.apiKey,
  TOPSTEP_PROJECTX_USERNAME: PX_CREDENTIALS.userName,
  TOPSTEP_PROJECTX_ACCOUNT_ID: String(PX_ACCOUNT),
  TOPSTEP_TIMEOUT_MS: String(PLATFORM_TEST_TIMEOUT_MS),
  TOPSTEP_MAX_RETRIES: '2',
  TOPSTEP_RETRY_BASE_DELAY_MS: '10',
  TOPSTEP_RETRY_MAX_DELAY_MS: '3000',
});

describe('gateway over the ProjectX adapter and its fake', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;

  beforeAll(async () => {
    fake = await startProjectXFake({ credentials: PX_CREDENTIALS });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    t = buildGateway(env(fake.url));
  });
  afterEach(() => t.close());

  it('a timeout after the platform acted yields SUCCESS with that order, found by customTag', async () => {
    fake.addFault({ fault: { kind: 'timeout' }, path: '/api/Order/place', times: 1 });
    const r = await t.gateway.placeOrder(t.id('TOPSTEP'), marketOrder({ symbol: 'NQ1!' }));
    expect(r).toMatchObject({ status: 'SUCCESS', external_order_id: fake.orders()[0]?.id });
    expect(fake.orders()).toHaveLength(1);
  });

  it('a timeout before acting is not re-sent in the call, whatever customTag would dedupe; the next call looks it up, then sends it once', async () => {
    fake.addFault({ fault: { kind: 'timeout-before' }, path: '/api/Order/place', times: 1 });
    const kind = { '/api/order/place': 'place', '/api/order/search': 'lookup' } as const;
    await expectDeferredThenSentOnce(
      t.gateway,
      t.id('TOPSTEP'),
      marketOrder({ symbol: 'NQ1!' }),
      fake,
      (p) => (p.toLowerCase() in kind ? kind[p.toLowerCase() as keyof typeof kind] : undefined),
    );
  });

  it('a 503 is retried and the order placed once; the API key and token stay out of the result', async () => {
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: '/api/Order/place', times: 1 });
    const r = await t.gateway.placeOrder(t.id('TOPSTEP'), marketOrder({ symbol: 'NQ1!' }));
    expect(r.status).toBe('SUCCESS');
    expect(fake.orders()).toHaveLength(1);
    expect(JSON.stringify(r)).not.toContain(PX_CREDENTIALS.apiKey);
  });
});
