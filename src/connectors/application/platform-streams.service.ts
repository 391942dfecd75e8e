import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import type { StreamTarget } from './ports/broker-connector.port';
import { ConnectorGatewayService } from './connector-gateway.service';
import { PlatformStream, PlatformStreams, StreamListener } from './ports/platform-stream.port';

/**
 * PlatformStreams on the gateway's connection entries: the stream is opened on the connection's login (the
 * same session, token and renewal as its orders), for the trading accounts asked for; every status text it
 * reports goes through the connection's redactor (and the login's current secrets are learned first), so a
 * token a platform echoes in an error never reaches the sync's rows or logs.
 */
@Injectable()
export class PlatformStreamsService extends PlatformStreams {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly gateway: ConnectorGatewayService,
  ) {
    super();
  }

  async open(
    connectionId: number,
    accountIds: readonly number[],
    listener: StreamListener,
  ): Promise<PlatformStream | null> {
    const connection = await this.directory.connection(connectionId);
    if (!connection) return null;
    const connections = this.gateway.connections;
    const login = connections.entry(connection).login;
    if (!login) return null;
    const targets: StreamTarget[] = [];
    for (const id of accountIds) {
      const account = await this.directory.account(id);
      if (!account || account.connectionId !== connectionId) continue;
      targets.push({
        accountId: account.id,
        target: {
          firmCode: account.firmCode,
          label: account.label,
          platformAccount: account.platformAccount,
          platformAccountSpec: account.platformAccountSpec,
          programId: account.programId,
        },
      });
    }
    if (targets.length === 0) return null;
    return login.openStream(targets, {
      onSnapshot: (snapshot) => listener.onSnapshot(snapshot),
      onStatus: (status) => {
        connections.learnSecrets(login);
        const error = status.error === null ? null : connections.redactor.redactText(status.error);
        listener.onStatus({ up: status.up, error });
      },
    });
  }
}
