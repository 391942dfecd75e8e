import type {
  AccountDirectory,
  RoutingAccount,
} from '../../accounts/application/ports/account-directory.port';
import { ConnectorError } from '../domain/connector-errors';
import type { ConnectionEntries, ConnectionEntry } from './connection-entries';
import { errorResult } from './connector-result.mapper';
import type { ConnectorResult } from './ports/connector-gateway.port';

/** An account resolved to its connection's entry, or the answer explaining why it cannot be. */
export type Resolved = { entry: ConnectionEntry; account: RoutingAccount } | { failure: ConnectorResult };

/**
 * The gateway's first step of every call: the account (AccountDirectory) and its connection's entry. An
 * unknown account or connection is FAILED `CONNECTOR_NOT_CONFIGURED`; an unreadable directory is RETRY.
 */
export async function resolveAccount(
  directory: AccountDirectory,
  connections: ConnectionEntries,
  accountId: number,
  request: unknown,
): Promise<Resolved> {
  try {
    const account = await directory.account(accountId);
    if (!account) return { failure: notConfigured(`account ${accountId} does not exist`, request) };
    const connection = await directory.connection(account.connectionId);
    if (!connection) {
      const what = `connection ${account.connectionId} of account "${account.label}" does not exist`;
      return { failure: notConfigured(what, request) };
    }
    return { entry: connections.entry(connection), account };
  } catch (e) {
    // The directory could not be read (database down): nothing was sent, so the order may be retried.
    const text = e instanceof Error ? e.message : String(e);
    return { failure: errorResult('', ConnectorError.transient(`account directory: ${text}`), request) };
  }
}

function notConfigured(what: string, request: unknown): ConnectorResult {
  return {
    status: 'FAILED',
    external_order_id: null,
    raw_request: request,
    raw_response: null,
    error_message: `CONNECTOR_NOT_CONFIGURED: ${what}`,
  };
}
