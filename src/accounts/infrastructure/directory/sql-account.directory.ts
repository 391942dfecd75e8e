import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNTS_CACHE_MS } from './accounts-cache';
import { PgSql } from '../../../platform/database/pg-sql';
import {
  AccountDirectory,
  AccountFilter,
  ConnectionWithSecrets,
  RoutingAccount,
  TargetResolution,
} from '../../application/ports/account-directory.port';
import { CredentialCipher } from '../../../platform/crypto/credential-cipher';
import { effectiveBaseUrl } from '../../domain/platforms';
import { resolveTargets, TargetOptions, UnknownNames, unknownNames } from '../../domain/target-filter';
import {
  AccountRow,
  ConnectionRow,
  toAccount,
  toConnection,
  toStoredConnection,
} from '../persistence/accounts-rows';
import { TurnMemo } from './turn-memo';

const ALL_ACCOUNTS = `SELECT a.*, c.platform AS connection_platform
  FROM trading_accounts a JOIN platform_connections c ON c.id = a.connection_id ORDER BY a.id`;
const ONE_CONNECTION = 'SELECT * FROM platform_connections WHERE id = $1';

/**
 * AccountDirectory on the tables: every answer reads the latest committed rows (no restart, several
 * processes), shared by the calls of one event-loop turn (a batch of tasks costs one read).
 */
@Injectable()
export class SqlAccountDirectory extends AccountDirectory {
  private readonly accounts: TurnMemo<'all', RoutingAccount[]>;
  private readonly connections: TurnMemo<number, ConnectionWithSecrets | null>;

  constructor(
    private readonly sql: PgSql,
    private readonly cipher: CredentialCipher,
    @Inject(ACCOUNTS_CACHE_MS) cacheMs: number,
  ) {
    super();
    this.accounts = new TurnMemo(() => this.loadAccounts(), cacheMs);
    this.connections = new TurnMemo((id) => this.loadConnection(id), cacheMs);
  }

  /** A write of this process: its next read sees it at once (other processes within ACCOUNTS_CACHE_MS). */
  invalidate(): void {
    this.accounts.clear();
    this.connections.clear();
  }

  async resolveTargets(filter: AccountFilter, opts: TargetOptions = {}): Promise<TargetResolution> {
    return resolveTargets(await this.accounts.get('all'), filter, opts);
  }

  async unknownNames(filter: AccountFilter): Promise<UnknownNames> {
    // no names to check (most alerts): no read at all on the intake path
    if (filter.accounts.length + filter.tags.length + filter.firmCodes.length === 0)
      return { accounts: [], tags: [], firmCodes: [] };
    return unknownNames(await this.accounts.get('all'), filter);
  }

  all(): Promise<RoutingAccount[]> {
    return this.accounts.get('all');
  }

  async account(id: number): Promise<RoutingAccount | null> {
    return (await this.accounts.get('all')).find((a) => a.id === id) ?? null;
  }

  connection(id: number): Promise<ConnectionWithSecrets | null> {
    return this.connections.get(id);
  }

  async accountsOf(connectionId: number): Promise<RoutingAccount[]> {
    return (await this.accounts.get('all')).filter((a) => a.connectionId === connectionId);
  }

  private async loadAccounts(): Promise<RoutingAccount[]> {
    const r = await this.sql.prepared<AccountRow & { connection_platform: string | null }>(
      'accounts_directory_all',
      ALL_ACCOUNTS,
      [],
    );
    return r.rows.map((row) => toRoutingAccount(row, row.connection_platform));
  }

  private async loadConnection(id: number): Promise<ConnectionWithSecrets | null> {
    const r = await this.sql.prepared<ConnectionRow>('accounts_directory_connection', ONE_CONNECTION, [id]);
    const row = r.rows[0];
    if (!row) return null;
    const stored = toStoredConnection(row);
    const c = toConnection(row);
    return {
      id: c.id,
      name: c.name,
      platform: c.platform,
      environment: c.environment,
      baseUrl: effectiveBaseUrl(c.platform, c.environment, c.base_url),
      credentials: stored.sealed ? this.cipher.open(stored.sealed) : {},
      revision: `${c.id}.${c.revision}`,
      source: c.source,
      envFirm: c.env_firm,
    };
  }
}

export function toRoutingAccount(row: AccountRow, platform: string | null): RoutingAccount {
  const a = toAccount(row);
  return {
    id: a.id,
    label: a.label,
    firmCode: a.firm_code,
    programId: a.program_id,
    connectionId: a.connection_id,
    platform: platform as RoutingAccount['platform'],
    platformAccount: a.platform_account,
    platformAccountSpec: a.platform_account_spec,
    phase: a.phase,
    enabled: a.enabled,
    tags: a.tags,
    sizing: {
      mode: a.sizing_mode,
      defaultRiskPercent: a.default_risk_percent === null ? null : Number(a.default_risk_percent),
      fixedQuantity: a.fixed_quantity,
      quantityMultiplier: a.quantity_multiplier,
      maxContracts: a.max_contracts,
    },
    symbolMap: a.symbol_map,
    flattenOrphans: a.flatten_orphans,
    guardBuffer: a.guard_buffer,
    source: a.source,
  };
}
