import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { Clock } from '../../platform/time/clock';
import { ConnectorConfigError, ConnectorError } from '../domain/connector-errors';
import type { ConnectionEntry } from './connection-entries';
import { ConnectorGatewayService } from './connector-gateway.service';
import type { AccountTarget } from './ports/broker-connector.port';
import { PlatformAccountSnapshot, PlatformStateReader } from './ports/platform-state.port';

/**
 * The PlatformStateReader (issue 14's polling path): resolves the account to its connection's entry as the
 * gateway does, and reads the account's state with the connection's login (`readState`), in the
 * connection's lane, under its sync policy (timeout, retries of transient failures, a breaker of its own:
 * ConnectionEntry.syncPolicy) and rate limits.
 * Failures reject with a redacted ConnectorError (ConnectorConfigError when the account or connection
 * cannot be read at all).
 */
@Injectable()
export class PlatformStateService extends PlatformStateReader {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly gateway: ConnectorGatewayService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async snapshot(accountId: number, fillsSince: Date | null): Promise<PlatformAccountSnapshot> {
    const { entry, target } = await this.resolve(accountId);
    const login = entry.login;
    if (!login) throw new ConnectorConfigError(entry.subject, entry.missing);
    const connections = this.gateway.connections;
    // the instant the read began, not ended: an order that reached the platform while its answers were being
    // read may be missing from them, so the read confirms nothing newer than its start (risk counts an order
    // recorded after it as pending until a later read shows it)
    const startedAt = this.clock.now();
    try {
      const read = async () => {
        await login.authenticate();
        return login.readState(target, fillsSince);
      };
      const state = await entry.lane.run(() => entry.syncPolicy.run(read, { write: false }));
      return { accountId, ...state, readAt: startedAt.toISOString() };
    } catch (e) {
      throw this.redacted(e);
    } finally {
      connections.learnSecrets(login);
    }
  }

  private async resolve(accountId: number): Promise<{ entry: ConnectionEntry; target: AccountTarget }> {
    const account = await this.directory.account(accountId);
    if (!account) throw new ConnectorConfigError(`account ${accountId}`, ['the account (it does not exist)']);
    const connection = await this.directory.connection(account.connectionId);
    if (!connection) {
      throw new ConnectorConfigError(`account "${account.label}"`, [`connection ${account.connectionId}`]);
    }
    const target: AccountTarget = {
      firmCode: account.firmCode,
      label: account.label,
      platformAccount: account.platformAccount,
      platformAccountSpec: account.platformAccountSpec,
      programId: account.programId,
    };
    return { entry: this.gateway.connections.entry(connection), target };
  }

  /** The error with every known secret taken out of its message (a careless API may echo a key). */
  private redacted(e: unknown): Error {
    const redactor = this.gateway.connections.redactor;
    if (e instanceof ConnectorError) {
      return new ConnectorError(e.kind, redactor.redactText(e.message), redactor.redact(e.details));
    }
    if (e instanceof ConnectorConfigError) return e;
    return new Error(redactor.redactText(e instanceof Error ? e.message : String(e)));
  }
}
