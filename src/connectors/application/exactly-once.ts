import { ConnectorError } from '../domain/connector-errors';
import type { BrokerConnector, PlatformOrder } from './ports/broker-connector.port';

/**
 * One attempt at a write that must happen at most once (an entry or a closing order), keyed by its client
 * order id. `unresolved` remembers ids whose last send may or may not have reached the platform; such an id
 * is looked up before anything is sent again, in this call's retries and in any later call.
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
    const arrived = await connector.findOrderByClientId(key.clientOrderId, key.symbol);
    if (arrived) {
      unresolved.delete(key.clientOrderId);
      return arrived;
    }
    // Not there (yet): retrying is safe because the next attempt looks it up again before re-sending.
    throw ConnectorError.transient(
      `${error.message}; no order ${key.clientOrderId} found, checked again before any re-send`,
      error.details,
    );
  }
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
