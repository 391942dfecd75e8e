import type { NormalizedOrder } from '../../connectors/application/ports/connector-gateway.port';
import { FakeDirectory, FakeGateway, FakeHalts } from '../../../test/routing/support/port-fakes';
import { testSettings } from '../../../test/routing/support/routing-settings';
import { EntryProtection } from './entry-protection';
import { OrderRedriver } from './order-redriver.service';
import { OrderRetryStore, RetryOrder } from './ports/order-retry.store.port';
import type { OrderOutcome } from './ports/order-store.port';

/** Hands out the orders it is given once, and records how each re-drive settled. */
class ScriptedRetries extends OrderRetryStore {
  readonly settled: { order: RetryOrder; outcome: OrderOutcome; nextDelayMs: number | null }[] = [];
  readonly claims: number[] = [];
  readonly leases: number[] = [];
  constructor(private readonly due: RetryOrder[]) {
    super();
  }
  async scheduleRetry(): Promise<void> {}
  async claimRetries(_router: string, leaseMs: number, limit: number): Promise<RetryOrder[]> {
    this.claims.push(limit);
    this.leases.push(leaseMs);
    return this.due.splice(0, limit);
  }
  async settleRetry(order: RetryOrder, outcome: OrderOutcome, nextDelayMs: number | null): Promise<void> {
    this.settled.push({ order, outcome, nextDelayMs });
  }
  async redriveTask(): Promise<number> {
    return 0;
  }
}

const ENTRY: NormalizedOrder = {
  symbol: 'NQ',
  side: 'BUY',
  quantity: 1,
  order_type: 'MARKET',
  client_order_id: 'pr7-abc-APEX-en',
};

function retryOrder(attempts = 1): RetryOrder {
  return {
    clientOrderId: ENTRY.client_order_id,
    taskId: null,
    flattenId: null,
    accountId: 1,
    accountLabel: 'env:APEX',
    firmCode: 'APEX',
    eventType: 'entry',
    symbol: 'NQ',
    attempts,
    request: ENTRY,
  };
}

function setup(...orders: RetryOrder[]) {
  const gateway = new FakeGateway(new FakeDirectory(['APEX']));
  const config = testSettings({ orderSendWindowMs: 5000, protectEnabled: false });
  config.orderRetry = { ...config.orderRetry, leaseMs: 15_000 };
  const retries = new ScriptedRetries(orders);
  const redriver = new OrderRedriver(
    retries,
    gateway,
    config,
    new EntryProtection(gateway, new FakeHalts(), config),
  );
  return { gateway, retries, redriver };
}

const unknown = {
  status: 'RETRY' as const,
  outcome_unknown: true as const,
  error_message: 'UNKNOWN_OUTCOME: timeout after the request was sent; no order found yet',
};

describe('OrderRedriver', () => {
  it('looks the order up first: found at the platform, it is SUCCESS and nothing is sent', async () => {
    const { gateway, retries, redriver } = setup(retryOrder());
    gateway.platform.set(ENTRY.client_order_id, {
      status: 'SUCCESS',
      external_order_id: 'APEX-9',
      raw_request: ENTRY,
      raw_response: {},
      error_message: null,
    });
    expect(await redriver.tick()).toBe(1);
    expect(gateway.lookups).toHaveLength(1);
    expect(gateway.placed).toEqual([]);
    expect(retries.settled.map((s) => [s.outcome.status, s.outcome.externalOrderId, s.nextDelayMs])).toEqual([
      ['SUCCESS', 'APEX-9', null],
    ]);
  });

  it('claims due orders for ORDER_RETRY_LEASE_MS', async () => {
    const { retries, redriver } = setup(retryOrder());
    await redriver.tick();
    expect(retries.leases).toEqual([15_000]);
  });

  it('not there: sent once; an unknown outcome again waits the send window, not the backoff', async () => {
    const { gateway, retries, redriver } = setup(retryOrder());
    gateway.behaviours.set('APEX', () => unknown);
    await redriver.tick();
    expect(gateway.lookups).toHaveLength(1);
    expect(gateway.placed).toHaveLength(1);
    const [{ outcome, nextDelayMs }] = retries.settled;
    expect(outcome.status).toBe('RETRY');
    // ORDER_SEND_WINDOW_MS after the round ended (its backoff would be 200 ms)
    expect(nextDelayMs).toBe(5000);
  });

  it('works off a backlog at once: claims batch after batch while they come back full', async () => {
    const orders = Array.from({ length: 45 }, (_, i) => ({
      ...retryOrder(),
      clientOrderId: `pr${i}-abc-APEX-en`,
      request: { ...ENTRY, client_order_id: `pr${i}-abc-APEX-en` },
    }));
    const { gateway, retries, redriver } = setup(...orders);
    redriver.wake();
    while (retries.settled.length < 45) await new Promise((r) => setImmediate(r));
    await redriver.beforeApplicationShutdown();
    expect(retries.claims).toHaveLength(3); // 20, 20, then 5: the short batch ends the round
    expect(gateway.placed).toHaveLength(45);
  });

  it('a transient RETRY is due at the backoff', async () => {
    const { gateway, retries, redriver } = setup(retryOrder(2));
    gateway.behaviours.set('APEX', () => ({ status: 'RETRY', error_message: 'TRANSIENT: HTTP 503' }));
    await redriver.tick();
    expect(retries.settled.map((s) => [s.outcome.status, s.nextDelayMs])).toEqual([['RETRY', 400]]);
  });
});
