import { Logger } from '@nestjs/common';
import type { ConnectorResult } from '../../src/connectors/application/ports/connector-gateway.port';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { buildGateway, GatewayUnderTest, marketOrder, restFirmEnv } from './rest-support';

/** Runs the calls in parallel and returns the firm codes in the order their results arrived. */
async function completionOrder(calls: [string, Promise<ConnectorResult>][]): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(calls.map(([firm, p]) => p.then(() => order.push(firm))));
  return order;
}

describe('firms are independent: a slow or failing firm never delays or fails another', () => {
  let slow: FakePlatform;
  let fast: FakePlatform;
  let t: GatewayUnderTest;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    [slow, fast] = await Promise.all([startRestFake(), startRestFake()]);
  });
  afterAll(async () => {
    await Promise.all([slow.close(), fast.close()]);
  });
  beforeEach(() => {
    slow.reset();
    fast.reset();
    const env = {
      ...restFirmEnv('FTMO', slow.url, { FTMO_TIMEOUT_MS: '5000' }),
      ...restFirmEnv('APEX', fast.url),
    };
    t = buildGateway(env);
  });
  afterEach(() => t.close());

  it('a slow firm (separate host) finishes after the fast one, which is not held up', async () => {
    slow.addFault({ fault: { kind: 'slow', ms: 1500 } });
    const ftmo = t.gateway.placeOrder(t.id('FTMO'), marketOrder());
    const apex = Promise.all([1, 2, 3].map(() => t.gateway.placeOrder(t.id('APEX'), marketOrder()))).then(
      (r) => r[2],
    );
    const order = await completionOrder([
      ['FTMO', ftmo],
      ['APEX', apex],
    ]);
    expect(order).toEqual(['APEX', 'FTMO']);
    expect((await apex).status).toBe('SUCCESS');
    expect((await ftmo).status).toBe('SUCCESS');
    // The fast firm's three orders all arrived before the slow firm answered its one.
    const slowAnswered = slow.orders()[0].receivedAt + 1500;
    expect(Math.max(...fast.orders().map((o) => o.receivedAt))).toBeLessThan(slowAnswered);
  });

  it('two firms on one host share its keep-alive pool without queueing behind each other', async () => {
    t.close();
    t = buildGateway({
      ...restFirmEnv('FTMO', `${fast.url}/ftmo`),
      ...restFirmEnv('APEX', `${fast.url}/apex`),
    });
    fast.addFault({ fault: { kind: 'slow', ms: 1500 }, path: '/ftmo/' });
    const order = await completionOrder([
      ['FTMO', t.gateway.placeOrder(t.id('FTMO'), marketOrder())],
      ['APEX', t.gateway.placeOrder(t.id('APEX'), marketOrder())],
    ]);
    expect(order).toEqual(['APEX', 'FTMO']);
  });

  it('a failing firm with an open circuit does not fail the other firm', async () => {
    slow.addFault({ fault: { kind: 'http', status: 503 } });
    const results = await Promise.all([
      ...[1, 2, 3, 4].map(() => t.gateway.placeOrder(t.id('FTMO'), marketOrder())),
      t.gateway.placeOrder(t.id('APEX'), marketOrder()),
    ]);
    expect(results.slice(0, 4).map((r) => r.status)).toEqual(['RETRY', 'RETRY', 'RETRY', 'RETRY']);
    expect((await t.gateway.placeOrder(t.id('FTMO'), marketOrder())).error_message).toMatch(/^CIRCUIT_OPEN/);
    expect(results[4].status).toBe('SUCCESS');
    expect((await t.gateway.placeOrder(t.id('APEX'), marketOrder())).status).toBe('SUCCESS');
  });
});
