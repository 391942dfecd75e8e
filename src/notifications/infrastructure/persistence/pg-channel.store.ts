import { Injectable } from '@nestjs/common';
import type { SealedCredentials } from '../../../platform/crypto/credential-cipher';
import { PgSql } from '../../../platform/database/pg-sql';
import { ChannelPage, ChannelStore, StoredChannel } from '../../application/ports/channel-store.port';
import type { ChannelFields } from '../../domain/channel-validation';
import { CHANNEL_COLUMNS, ChannelRow, toChannel } from './channel-rows';

const INSERT = `INSERT INTO notification_channels AS c (name, type, enabled, settings, events, account_ids, secrets_key_id, secrets_ciphertext)
  VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6::int[], $7, $8) RETURNING ${CHANNEL_COLUMNS}`;
// a changed configuration starts with a clean record: the old failures were of the old settings
const UPDATE = `UPDATE notification_channels AS c SET name = $2, type = $3, enabled = $4, settings = $5::jsonb, events = $6::text[],
    account_ids = $7::int[], secrets_key_id = $8, secrets_ciphertext = $9, consecutive_failures = 0, paused_until = NULL,
    updated_at = now()
  WHERE id = $1 RETURNING ${CHANNEL_COLUMNS}`;
const ATTEMPT_OK = `UPDATE notification_channels SET consecutive_failures = 0, last_success_at = now() WHERE id = $1`;
const ATTEMPT_FAILED = `UPDATE notification_channels SET consecutive_failures = consecutive_failures + 1, last_error = $2,
  last_failure_at = now() WHERE id = $1`;

/** `notification_channels` on the pg pool. */
@Injectable()
export class PgChannelStore extends ChannelStore {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async list(page: { limit: number; offset: number }): Promise<ChannelPage> {
    const [rows, total] = await Promise.all([
      this.sql.query<ChannelRow>(
        `SELECT ${CHANNEL_COLUMNS} FROM notification_channels c ORDER BY id LIMIT $1 OFFSET $2`,
        [page.limit, page.offset],
      ),
      this.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_channels', []),
    ]);
    return { total: total.rows[0].n, items: rows.rows.map(toChannel) };
  }

  async get(id: number): Promise<StoredChannel | null> {
    const r = await this.sql.query<ChannelRow>(
      `SELECT ${CHANNEL_COLUMNS} FROM notification_channels c WHERE id = $1`,
      [id],
    );
    return r.rows[0] ? toChannel(r.rows[0]) : null;
  }

  async nameTaken(name: string, exceptId: number | null): Promise<boolean> {
    const r = await this.sql.query(
      'SELECT 1 FROM notification_channels WHERE lower(name) = lower($1) AND id <> coalesce($2, 0)',
      [name, exceptId],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async insert(f: ChannelFields, sealed: SealedCredentials): Promise<StoredChannel> {
    const r = await this.sql.query<ChannelRow>(INSERT, [
      f.name,
      f.type,
      f.enabled,
      JSON.stringify(f.settings),
      f.events,
      f.accountIds,
      sealed.keyId,
      sealed.ciphertext,
    ]);
    return toChannel(r.rows[0]);
  }

  async update(id: number, f: ChannelFields, sealed: SealedCredentials): Promise<StoredChannel> {
    const r = await this.sql.query<ChannelRow>(UPDATE, [
      id,
      f.name,
      f.type,
      f.enabled,
      JSON.stringify(f.settings),
      f.events,
      f.accountIds,
      sealed.keyId,
      sealed.ciphertext,
    ]);
    return toChannel(r.rows[0]);
  }

  async delete(id: number): Promise<void> {
    await this.sql.query('DELETE FROM notification_channels WHERE id = $1', [id]);
  }

  async recordAttempt(id: number, ok: boolean, error: string | null): Promise<void> {
    await this.sql.query(ok ? ATTEMPT_OK : ATTEMPT_FAILED, ok ? [id] : [id, error]);
  }

  async pause(id: number, until: Date): Promise<void> {
    await this.sql.query('UPDATE notification_channels SET paused_until = $2 WHERE id = $1', [id, until]);
  }
}
