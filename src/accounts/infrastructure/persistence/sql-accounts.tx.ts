import type { SqlStatements } from '../../../platform/database/sql-statements';
import type { QueryRunner } from 'typeorm';
import type {
  AccountsTx,
  AuditEntryInput,
  ConnectionWrite,
  StoredConnection,
} from '../../application/ports/accounts-store.port';
import type { SealedCredentials } from '../../../platform/crypto/credential-cipher';
import type { Account, AccountFields, Connection } from '../../domain/account-records';
import { envLabel } from '../../domain/account-records';
import type { EnvConnectionSpec } from '../../domain/env-firms';
import {
  ACCOUNT_COLUMNS,
  accountValues,
  AccountRow,
  ConnectionRow,
  toAccount,
  toConnection,
  toStoredConnection,
} from './accounts-rows';

/** Runs one statement on the transaction's runner and returns its rows. */
export async function rowsOf<T>(runner: QueryRunner, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await runner.query(sql, params, true);
  return (result.records ?? []) as T[];
}

const CONNECTION_SET =
  'name = $1, platform = $2, environment = $3, base_url = $4, credentials_ciphertext = $5, credentials_key_id = $6, credentials_set = $7';
const ACCOUNT_SET = ACCOUNT_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ');

/** AccountsTx in SQL on one transaction's QueryRunner. */
export class SqlAccountsTx implements AccountsTx {
  readonly statements: SqlStatements = { query: (text, values) => this.rows(text, values) };

  constructor(private readonly runner: QueryRunner) {}

  private rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(this.runner, sql, params);
  }

  async connectionById(id: number): Promise<StoredConnection | null> {
    const [row] = await this.rows<ConnectionRow>('SELECT * FROM platform_connections WHERE id = $1', [id]);
    return row ? toStoredConnection(row) : null;
  }

  async connectionByName(name: string): Promise<Connection | null> {
    const [row] = await this.rows<ConnectionRow>('SELECT * FROM platform_connections WHERE name = $1', [
      name,
    ]);
    return row ? toConnection(row) : null;
  }

  async insertConnection(w: ConnectionWrite): Promise<Connection> {
    const [row] = await this.rows<ConnectionRow>(
      `INSERT INTO platform_connections (name, platform, environment, base_url, credentials_ciphertext,
         credentials_key_id, credentials_set, source) VALUES ($1, $2, $3, $4, $5, $6, $7, 'api') RETURNING *`,
      connectionValues(w),
    );
    return toConnection(row);
  }

  async updateConnection(id: number, w: ConnectionWrite, bumpRevision: boolean): Promise<Connection> {
    const [row] = await this.rows<ConnectionRow>(
      `UPDATE platform_connections SET ${CONNECTION_SET}, revision = revision + $8, updated_at = NOW()
       WHERE id = $9 RETURNING *`,
      [...connectionValues(w), bumpRevision ? 1 : 0, id],
    );
    return toConnection(row);
  }

  async deleteConnection(id: number): Promise<void> {
    await this.rows('DELETE FROM platform_connections WHERE id = $1', [id]);
  }

  async accountCountOf(connectionId: number): Promise<number> {
    const [row] = await this.rows<{ n: number }>(
      'SELECT count(*)::int AS n FROM trading_accounts WHERE connection_id = $1',
      [connectionId],
    );
    return row.n;
  }

  async accountById(id: number): Promise<Account | null> {
    const [row] = await this.rows<AccountRow>('SELECT * FROM trading_accounts WHERE id = $1', [id]);
    return row ? toAccount(row) : null;
  }

  async accountByLabel(label: string): Promise<Account | null> {
    const [row] = await this.rows<AccountRow>(
      'SELECT * FROM trading_accounts WHERE lower(label) = lower($1)',
      [label],
    );
    return row ? toAccount(row) : null;
  }

  async insertAccount(fields: AccountFields): Promise<Account> {
    const params = ACCOUNT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
    const [row] = await this.rows<AccountRow>(
      `INSERT INTO trading_accounts (${ACCOUNT_COLUMNS.join(', ')}, source) VALUES (${params}, 'api') RETURNING *`,
      accountValues(fields),
    );
    return toAccount(row);
  }

  async updateAccount(id: number, fields: AccountFields): Promise<Account> {
    const [row] = await this.rows<AccountRow>(
      `UPDATE trading_accounts SET ${ACCOUNT_SET}, updated_at = NOW() WHERE id = $${ACCOUNT_COLUMNS.length + 1} RETURNING *`,
      [...accountValues(fields), id],
    );
    return toAccount(row);
  }

  async deleteAccount(id: number): Promise<boolean> {
    await this.runner.query('SAVEPOINT account_delete');
    try {
      await this.rows('DELETE FROM trading_accounts WHERE id = $1', [id]);
      await this.runner.query('RELEASE SAVEPOINT account_delete');
      return true;
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code !== '23503') throw err;
      await this.runner.query('ROLLBACK TO SAVEPOINT account_delete');
      return false; // referenced (its orders): kept
    }
  }

  async upsertEnvFirm(spec: EnvConnectionSpec): Promise<{ connectionId: number; accountId: number }> {
    const label = envLabel(spec.firm);
    await this.rows(
      `INSERT INTO platform_connections (name, platform, environment, base_url, source, env_firm)
       VALUES ($1, $2, $3, $4, 'env', $5)
       ON CONFLICT (name) DO UPDATE SET platform = EXCLUDED.platform, environment = EXCLUDED.environment,
         base_url = EXCLUDED.base_url, revision = platform_connections.revision + 1, updated_at = NOW()
       WHERE platform_connections.source = 'env' AND (platform_connections.platform, platform_connections.environment,
         platform_connections.base_url) IS DISTINCT FROM (EXCLUDED.platform, EXCLUDED.environment, EXCLUDED.base_url)`,
      [label, spec.platform, spec.environment, spec.baseUrl, spec.firm],
    );
    const [conn] = await this.rows<{ id: number }>('SELECT id FROM platform_connections WHERE name = $1', [
      label,
    ]);
    await this.rows(
      `INSERT INTO trading_accounts (label, firm_code, program_id, connection_id, sizing_mode, enabled, source)
       VALUES ($1, $2, NULL, $3, 'risk', TRUE, 'env')
       ON CONFLICT ((lower(label))) DO UPDATE SET enabled = TRUE, connection_id = EXCLUDED.connection_id,
         updated_at = NOW()
       WHERE trading_accounts.source = 'env' AND (NOT trading_accounts.enabled
         OR trading_accounts.connection_id <> EXCLUDED.connection_id)`,
      [label, spec.firm, conn.id],
    );
    const [acc] = await this.rows<{ id: number }>(
      'SELECT id FROM trading_accounts WHERE lower(label) = lower($1)',
      [label],
    );
    return { connectionId: conn.id, accountId: acc.id };
  }

  async disableEnvAccountsExcept(enabledFirms: string[]): Promise<string[]> {
    const rows = await this.rows<{ firm_code: string }>(
      `UPDATE trading_accounts SET enabled = FALSE, updated_at = NOW()
       WHERE source = 'env' AND enabled AND NOT (firm_code = ANY($1::text[])) RETURNING firm_code`,
      [enabledFirms],
    );
    return rows.map((r) => r.firm_code);
  }

  async sealedConnections(): Promise<StoredConnection[]> {
    const rows = await this.rows<ConnectionRow>(
      'SELECT * FROM platform_connections WHERE credentials_ciphertext IS NOT NULL ORDER BY id FOR UPDATE',
    );
    return rows.map(toStoredConnection);
  }

  async reseal(id: number, sealed: SealedCredentials): Promise<void> {
    await this.rows(
      'UPDATE platform_connections SET credentials_ciphertext = $1, credentials_key_id = $2 WHERE id = $3',
      [sealed.ciphertext, sealed.keyId, id],
    );
  }

  async audit(e: AuditEntryInput): Promise<void> {
    await this.rows(
      'INSERT INTO accounts_audit (actor, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)',
      [e.actor, e.action, e.entity, e.entityId, json(e.before), json(e.after)],
    );
  }
}

function connectionValues(w: ConnectionWrite): unknown[] {
  return [
    w.name,
    w.platform,
    w.environment,
    w.base_url,
    w.sealed?.ciphertext ?? null,
    w.sealed?.keyId ?? null,
    w.credentials_set,
  ];
}

function json(v: object | null): string | null {
  return v === null ? null : JSON.stringify(v);
}
