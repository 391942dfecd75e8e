import type {
  ConnectorGateway,
  NormalizedOrder,
} from '../../../src/connectors/application/ports/connector-gateway.port';
import type { FakePlatform } from '../../../src/connectors/fakes/fake-platform';

/**
 * An order whose send timed out before the platform acted: the call looks it up once and re-sends nothing
 * (RETRY, outcome unknown); the next call (the re-drive's) looks it up again, finds it missing, sends it once.
 * `kindOf` names a request path 'place' or 'lookup' (undefined: neither).
 */
export async function expectDeferredThenSentOnce(
  gateway: ConnectorGateway,
  accountId: number,
  order: NormalizedOrder,
  fake: FakePlatform,
  kindOf: (path: string) => 'place' | 'lookup' | undefined,
): Promise<void> {
  const calls = () => fake.requests().flatMap((q) => kindOf(q.path) ?? []);
  const first = await gateway.placeOrder(accountId, order);
  expect(first).toMatchObject({
    status: 'RETRY',
    outcome_unknown: true,
    error_message: expect.stringMatching(/^UNKNOWN_OUTCOME: timeout after the request was sent/),
  });
  expect(fake.orders()).toHaveLength(0);
  expect(calls()).toEqual(['place', 'lookup']);
  const second = await gateway.placeOrder(accountId, order);
  expect(second.status).toBe('SUCCESS');
  expect(fake.orders()).toHaveLength(1);
  expect(calls()).toEqual(['place', 'lookup', 'lookup', 'place']);
}
