import type { SqlStatements } from '../../../platform/database/sql-statements';
import type { Account, AccountFields, Connection, ConnectionFields } from '../../domain/account-records';
import type { EnvConnectionSpec } from '../../domain/env-firms';
import type { SealedCredentials } from '../../../platform/crypto/credential-cipher';

export type AuditAction = 'create' | 'update' | 'delete' | 'env_sync' | 'rotate_key';
export interface AuditEntryInput {
  actor: string;
  action: AuditAction;
  entity: 'connection' | 'account';
  entityId: number;
  /** Never a credential value: connections carry `credentials_set` (names) only. */
  before: object | null;
  after: object | null;
}

/** A connection with its sealed credentials, for writers that change them. */
export interface StoredConnection extends Connection {
  sealed: SealedCredentials | null;
}

export interface ConnectionWrite extends ConnectionFields {
  sealed: SealedCredentials | null;
  credentials_set: string[];
}

/** Accounts persistence inside one transaction holding the accounts write lock. */
export interface AccountsTx {
  connectionById(id: number): Promise<StoredConnection | null>;
  connectionByName(name: string): Promise<Connection | null>;
  insertConnection(write: ConnectionWrite): Promise<Connection>;
  /** Bumps the revision when the URL, platform, environment or credentials change. */
  updateConnection(id: number, write: ConnectionWrite, bumpRevision: boolean): Promise<Connection>;
  deleteConnection(id: number): Promise<void>;
  accountCountOf(connectionId: number): Promise<number>;

  accountById(id: number): Promise<Account | null>;
  accountByLabel(label: string): Promise<Account | null>;
  insertAccount(fields: AccountFields): Promise<Account>;
  updateAccount(id: number, fields: AccountFields): Promise<Account>;
  /** False when something references the account (its orders): it is kept. */
  deleteAccount(id: number): Promise<boolean>;

  /** Creates or refreshes `env:{FIRM}` (connection and account), enabled; returns the account's id. */
  upsertEnvFirm(spec: EnvConnectionSpec): Promise<{ connectionId: number; accountId: number }>;
  /** Disables env accounts whose firm is not in `enabledFirms`; returns the firms disabled. */
  disableEnvAccountsExcept(enabledFirms: string[]): Promise<string[]>;

  /** Every connection holding sealed credentials, locked for update. */
  sealedConnections(): Promise<StoredConnection[]>;
  reseal(id: number, sealed: SealedCredentials): Promise<void>;
  /** This transaction's statements, for another context's SealedSecretHolder (the key rotation). */
  readonly statements: SqlStatements;

  audit(entry: AuditEntryInput): Promise<void>;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface AccountListFilter {
  enabled?: boolean;
  tag?: string;
  firmCode?: string;
  connectionId?: number;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
  createdAt: Date;
}

export interface AuditFilter {
  entity?: 'connection' | 'account';
  entityId?: number;
}

export abstract class AccountsStore {
  /** One transaction holding the accounts write lock (writers never interleave, across processes too). */
  abstract transaction<T>(work: (tx: AccountsTx) => Promise<T>): Promise<T>;
  abstract connection(id: number): Promise<Connection | null>;
  abstract connections(page: Page): Promise<{ total: number; items: Connection[] }>;
  abstract account(id: number): Promise<Account | null>;
  abstract accounts(filter: AccountListFilter, page: Page): Promise<{ total: number; items: Account[] }>;
  /** The master key ids the stored credentials are sealed under, with their counts. */
  abstract keyIdsInUse(): Promise<{ keyId: string; connections: number }[]>;
  /** Newest first. */
  abstract audit(filter: AuditFilter, page: Page): Promise<{ total: number; items: AuditEntry[] }>;
  /** The platform of each connection id (for presenting accounts). */
  abstract platformsOf(ids: number[]): Promise<Map<number, Connection['platform']>>;
}
