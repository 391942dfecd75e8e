import { ConnectorError } from '../domain/connector-errors';
import type { BrokerConnector, PlatformOrder } from './ports/broker-connector.port';

/**
 * One attempt at a write that must happen at most once (an entry, a closing order, a stop), keyed by its
 * client order id. `unresolved` remembers ids whose last send may or may not have reached the platform; such
 * an id is looked up before anything is sent again.
 *
 * A send whose outcome is unknown (timed out, cut off or answered 5xx after it was written) is looked up at
 * once; found, it is the answer. Not found, it is NOT sent again in this call, whatever the lookup says: an
 * overloaded platform may still hold the request in its queue and apply it after any lookup made now (seen:
 * three duplicate orders at 100 signals/s with the service seconds behind). It fails UNKNOWN_OUTCOME, which
 * the connection's policy never retries; the caller defers it (OrderExecutor: RETRY, re-driven after a quiet
 * period, looked up first). A failure that certainly did not send (TRANSIENT) is retried as before.
 */
export async function sendAtMostOnce(
  connector: BrokerConnector,
  unresolved: Set<string>,
  key: { clientOrderId: string; symbol: string },
  send: () => Promise<PlatformOrder>,
): Promise<PlatformOrder> {
  await connector.authenticate();
  if (unresolved.has(key.clientOrderId)) {
    const earlier = await connector.findOrderByClientId(key.clientOrderId, key.symbol);
    if (earlier) {
      unresolved.delete(key.clientOrderId);
      return earlier;
    }
  }
  unresolved.add(key.clientOrderId);
  try {
    const placed = await send();
    unresolved.delete(key.clientOrderId);
    return placed;
  } catch (e) {
    const error = asWriteError(e);
    if (error.kind !== 'UNKNOWN_OUTCOME') {
      unresolved.delete(key.clientOrderId);
      throw error;
    }
    const arrived = await lookUpAfterUnknown(connector, key, error);
    unresolved.delete(key.clientOrderId);
    return arrived;
  }
}

/**
 * A send whose outcome is unknown, looked up at once: the order found, or an UNKNOWN_OUTCOME error (never
 * retried by the policy) when it is not there (yet) or cannot be looked up.
 */
async function lookUpAfterUnknown(
  connector: BrokerConnector,
  key: { clientOrderId: string; symbol: string },
  error: ConnectorError,
): Promise<PlatformOrder> {
  let arrived: PlatformOrder | null;
  try {
    arrived = await connector.findOrderByClientId(key.clientOrderId, key.symbol);
  } catch (lookup) {
    const why = lookup instanceof Error ? lookup.message : String(lookup);
    throw ConnectorError.unknownOutcome(
      `${error.message}; the lookup of ${key.clientOrderId} failed too (${why}): not sent again in this call`,
      error.details,
    );
  }
  if (arrived) return arrived;
  // Not there (yet): a platform holding it in a backlog may still apply it, so nothing is re-sent now
  throw ConnectorError.unknownOutcome(
    `${error.message}; no order ${key.clientOrderId} found yet: not sent again in this call (looked up again before any re-send)`,
    error.details,
  );
}

/** Adapters throw ConnectorErrors; anything else thrown around a write leaves its outcome unknown. */
export function asWriteError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  return ConnectorError.unknownOutcome(
    `unexpected adapter error: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/**
 * A write that may be sent again as it is (a cancel, a size set): an unknown outcome is retried like a
 * transient failure, since a second send cannot duplicate anything.
 */
export async function sendRepeatable<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    const error = asWriteError(e);
    throw error.kind === 'UNKNOWN_OUTCOME' ? ConnectorError.transient(error.message, error.details) : error;
  }
}
