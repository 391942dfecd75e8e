import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlAccountDirectory } from '../directory/sql-account.directory';
import {
  AccountListFilter,
  AccountsStore,
  AccountsTx,
  AuditEntry,
  AuditFilter,
  Page,
} from '../../application/ports/accounts-store.port';
import type { Account, Connection } from '../../domain/account-records';
import { AccountRow, AuditRow, ConnectionRow, toAccount, toAuditEntry, toConnection } from './accounts-rows';
import { SqlAccountsTx } from './sql-accounts.tx';

/** pg_advisory_xact_lock key shared by every accounts writer (API, env sync at start-up, key rotation). */
export const ACCOUNTS_WRITE_LOCK = 4_711_019;

@Injectable()
export class SqlAccountsStore extends AccountsStore {
  constructor(
    private readonly dataSource: DataSource,
    /** Absent in the rotate-key CLI (no directory to keep fresh). */
    @Optional() @Inject(SqlAccountDirectory) private readonly directory: SqlAccountDirectory | null = null,
  ) {
    super();
  }

  async transaction<T>(work: (tx: AccountsTx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_WRITE_LOCK]);
      const result = await work(new SqlAccountsTx(runner));
      await runner.commitTransaction();
      this.directory?.invalidate();
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  async connection(id: number): Promise<Connection | null> {
    const rows: ConnectionRow[] = await this.dataSource.query(
      'SELECT * FROM platform_connections WHERE id = $1',
      [id],
    );
    return rows[0] ? toConnection(rows[0]) : null;
  }

  async connections(page: Page): Promise<{ total: number; items: Connection[] }> {
    const rows: (ConnectionRow & { total: number })[] = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::int AS total FROM platform_connections ORDER BY id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    return { total: await this.totalOr(rows, 'platform_connections'), items: rows.map(toConnection) };
  }

  async account(id: number): Promise<Account | null> {
    const rows: AccountRow[] = await this.dataSource.query('SELECT * FROM trading_accounts WHERE id = $1', [
      id,
    ]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async accounts(filter: AccountListFilter, page: Page): Promise<{ total: number; items: Account[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.enabled !== undefined) add('enabled = ?', filter.enabled);
    if (filter.tag !== undefined) add('? = ANY(tags)', filter.tag);
    if (filter.firmCode !== undefined) add('firm_code = ?', filter.firmCode);
    if (filter.connectionId !== undefined) add('connection_id = ?', filter.connectionId);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [count]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM trading_accounts ${clause}`,
      params,
    );
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT * FROM trading_accounts ${clause} ORDER BY id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { total: count.n, items: rows.map(toAccount) };
  }

  async keyIdsInUse(): Promise<{ keyId: string; connections: number }[]> {
    return this.dataSource.query(
      `SELECT credentials_key_id AS "keyId", count(*)::int AS connections FROM platform_connections
       WHERE credentials_key_id IS NOT NULL GROUP BY credentials_key_id ORDER BY 2 DESC`,
    );
  }

  async audit(filter: AuditFilter, page: Page): Promise<{ total: number; items: AuditEntry[] }> {
    const clause = 'WHERE ($1::text IS NULL OR entity = $1) AND ($2::int IS NULL OR entity_id = $2)';
    const params = [filter.entity ?? null, filter.entityId ?? null];
    const [count]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM accounts_audit ${clause}`,
      params,
    );
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM accounts_audit ${clause} ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [...params, page.limit, page.offset],
    );
    return { total: count.n, items: rows.map(toAuditEntry) };
  }

  async platformsOf(ids: number[]): Promise<Map<number, Connection['platform']>> {
    if (ids.length === 0) return new Map();
    const rows: { id: number; platform: Connection['platform'] }[] = await this.dataSource.query(
      'SELECT id, platform FROM platform_connections WHERE id = ANY($1::int[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.platform]));
  }

  /** The window's total, or a count when the page is past the end (no row to carry it). */
  private async totalOr(rows: { total: number }[], table: string): Promise<number> {
    if (rows.length > 0) return rows[0].total;
    const [count]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return count.n;
  }
}
