import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import type { ConnectorPlatform } from '../domain/firm-connector-settings';
import type { CircuitStatus } from './firm-policy';
import type { ConnectionEntry } from './connection-entries';
import { ConnectorGatewayService } from './connector-gateway.service';

/** One connection's health as the operator reads it: never a credential. */
export interface ConnectionStatus {
  connection_id: number;
  name: string;
  platform: ConnectorPlatform | null;
  source: 'api' | 'env';
  configured: boolean;
  /** Names of missing settings (e.g. `APEX_API_KEY`, `password`), never their values. */
  missing: string[];
  circuit: CircuitStatus;
  rate_limit: {
    /** Requests that could be sent now under the tightest limit; null when the platform publishes none. */
    tokens: number | null;
    /** Requests waiting for a token. */
    queued: number;
  };
  /** Calls in flight in the connection's lane, and calls waiting for a slot in it. */
  in_flight: number;
  waiting: number;
}

const EMPTY_FILTER = { accounts: [], tags: [], firmCodes: [], programIds: [] };

/**
 * The connectors' status per connection: every connection an enabled account uses, and every connection the
 * gateway has served (the account directory lists no connections by themselves).
 */
@Injectable()
export class ConnectionStatusReader {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly gateway: ConnectorGatewayService,
  ) {}

  async list(): Promise<ConnectionStatus[]> {
    const ids = new Set(this.gateway.connections.all().map((e) => e.connectionId));
    const targets = await this.directory.resolveTargets(EMPTY_FILTER);
    if (targets.ok) for (const a of targets.accounts) ids.add(a.connectionId);
    const items: ConnectionStatus[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const connection = await this.directory.connection(id);
      if (connection) items.push(statusOf(this.gateway.connections.entry(connection)));
    }
    return items;
  }
}

function statusOf(entry: ConnectionEntry): ConnectionStatus {
  return {
    connection_id: entry.connectionId,
    name: entry.name,
    platform: entry.platform,
    source: entry.source,
    configured: entry.missing.length === 0,
    missing: [...entry.missing],
    circuit: entry.policy.circuit,
    rate_limit: entry.limiter.snapshot(),
    in_flight: entry.lane.inFlight,
    waiting: entry.lane.queued,
  };
}
