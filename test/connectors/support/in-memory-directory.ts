import {
  AccountDirectory,
  AccountFilter,
  AccountPlatform,
  ConnectionWithSecrets,
  RoutingAccount,
  TargetResolution,
  UnknownNames,
} from '../../../src/accounts/application/ports/account-directory.port';

/**
 * A small, real, in-memory AccountDirectory for the connectors' tests: env accounts (`env:{FIRM}` on a
 * read-only env connection, as the accounts context derives them from `{FIRM}_*`) and API connections with
 * their accounts. Editing a connection bumps its revision, as the accounts context does.
 */
export class InMemoryAccountDirectory extends AccountDirectory {
  readonly connections = new Map<number, ConnectionWithSecrets>();
  readonly accounts = new Map<number, RoutingAccount>();
  private nextId = 1;

  /** The `env:{FIRM}` account (created on first use) on its env connection. */
  envAccount(firm: string, platform: AccountPlatform | null = null): RoutingAccount {
    const code = firm.trim().toUpperCase();
    const existing = [...this.accounts.values()].find((a) => a.label === `env:${code}`);
    if (existing) return existing;
    const connection = this.addConnection({
      name: `env:${code}`,
      platform,
      baseUrl: '',
      credentials: {},
      source: 'env',
      envFirm: code,
    });
    return this.addAccount(connection.id, { label: `env:${code}`, firmCode: code, source: 'env' });
  }

  addConnection(
    c: Pick<ConnectionWithSecrets, 'name' | 'platform' | 'baseUrl' | 'credentials'> &
      Partial<ConnectionWithSecrets>,
  ): ConnectionWithSecrets {
    const connection: ConnectionWithSecrets = {
      id: this.nextId++,
      environment: 'demo',
      revision: '1',
      source: 'api',
      envFirm: null,
      ...c,
    };
    this.connections.set(connection.id, connection);
    return connection;
  }

  /** Changes a connection (credentials, URL): a new revision, as an edit through the API gives. */
  updateConnection(id: number, patch: Partial<ConnectionWithSecrets>): void {
    const c = this.connections.get(id);
    if (!c) throw new Error(`no connection ${id}`);
    this.connections.set(id, { ...c, ...patch, revision: String(Number(c.revision) + 1) });
  }

  addAccount(connectionId: number, a: Partial<RoutingAccount> & { label: string }): RoutingAccount {
    const connection = this.connections.get(connectionId);
    const account: RoutingAccount = {
      id: this.nextId++,
      firmCode: 'APEX',
      programId: null,
      connectionId,
      platform: connection?.platform ?? null,
      platformAccount: null,
      platformAccountSpec: null,
      phase: 'evaluation',
      enabled: true,
      tags: [],
      sizing: {
        mode: 'risk',
        defaultRiskPercent: null,
        fixedQuantity: null,
        quantityMultiplier: null,
        maxContracts: null,
      },
      symbolMap: {},
      flattenOrphans: false,
      guardBuffer: null,
      source: 'api',
      ...a,
    };
    this.accounts.set(account.id, account);
    return account;
  }

  async resolveTargets(filter: AccountFilter): Promise<TargetResolution> {
    const accounts = [...this.accounts.values()].filter(
      (a) =>
        a.enabled &&
        (filter.accounts.length === 0 || filter.accounts.some((x) => x === a.label || x === String(a.id))) &&
        (filter.tags.length === 0 || filter.tags.some((t) => a.tags.includes(t))) &&
        (filter.firmCodes.length === 0 || filter.firmCodes.includes(a.firmCode)) &&
        (filter.programIds.length === 0 || (a.programId !== null && filter.programIds.includes(a.programId))),
    );
    return { ok: true, accounts, reason: accounts.length ? null : 'no enabled account matches' };
  }

  async unknownNames(): Promise<UnknownNames> {
    return { accounts: [], tags: [], firmCodes: [] };
  }

  async all(): Promise<RoutingAccount[]> {
    return [...this.accounts.values()];
  }

  async account(id: number): Promise<RoutingAccount | null> {
    return this.accounts.get(id) ?? null;
  }

  async connection(id: number): Promise<ConnectionWithSecrets | null> {
    const c = this.connections.get(id);
    return c ? { ...c, credentials: { ...c.credentials } } : null;
  }

  async accountsOf(connectionId: number): Promise<RoutingAccount[]> {
    return [...this.accounts.values()].filter((a) => a.connectionId === connectionId);
  }
}
