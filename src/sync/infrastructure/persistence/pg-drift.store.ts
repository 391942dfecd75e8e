import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import {
  DriftAction,
  DriftEvent,
  DriftFilter,
  DriftStore,
  NewDrift,
  StandingDriftRow,
} from '../../application/ports/drift-store.port';

const STANDING = `SELECT drift_key AS key, root, action FROM sync_drift WHERE account_id = $1 AND resolved_at IS NULL`;
const SET_ACTION = `UPDATE sync_drift SET action = $3, action_detail = $4
  WHERE account_id = $1 AND drift_key = $2 AND resolved_at IS NULL`;

// The partial unique index keeps one standing row per account and key: a second round racing is a no-op.
const RECORD = `INSERT INTO sync_drift (account_id, kind, drift_key, root, symbol, platform, believed, action,
    action_detail, resolved_at)
  SELECT r.account_id, r.kind, r.drift_key, r.root, r.symbol, r.platform, r.believed, r.action, r.action_detail,
    CASE WHEN r.resolved THEN now() END
  FROM jsonb_to_recordset($1::jsonb) AS r(account_id int, kind text, drift_key text, root text, symbol text,
    platform jsonb, believed jsonb, action text, action_detail text, resolved boolean)
  ON CONFLICT (account_id, drift_key) WHERE resolved_at IS NULL DO NOTHING
  RETURNING *`;

const SEEN = `UPDATE sync_drift SET last_seen_at = now()
  WHERE account_id = $1 AND drift_key = ANY($2::text[]) AND resolved_at IS NULL`;
const RESOLVE = `UPDATE sync_drift SET resolved_at = now()
  WHERE account_id = $1 AND drift_key = ANY($2::text[]) AND resolved_at IS NULL`;

const FILTER = `($1::int IS NULL OR account_id = $1) AND ($2::text IS NULL OR kind = $2)`;
const LIST = `SELECT * FROM sync_drift WHERE ${FILTER} ORDER BY id DESC LIMIT $3 OFFSET $4`;
const COUNT = `SELECT count(*)::int AS total FROM sync_drift WHERE ${FILTER}`;

interface Row {
  id: string;
  account_id: number;
  kind: DriftEvent['kind'];
  drift_key: string;
  root: string;
  symbol: string;
  platform: DriftEvent['platform'];
  believed: DriftEvent['believed'];
  action: DriftEvent['action'];
  action_detail: string | null;
  detected_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

/** DriftStore on Postgres. */
@Injectable()
export class PgDriftStore extends DriftStore {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async standing(accountId: number): Promise<StandingDriftRow[]> {
    return (await this.sql.query<StandingDriftRow>(STANDING, [accountId])).rows;
  }

  async setAction(accountId: number, key: string, action: DriftAction, detail: string | null): Promise<void> {
    await this.sql.query(SET_ACTION, [accountId, key, action, detail]);
  }

  async record(drifts: NewDrift[]): Promise<DriftEvent[]> {
    if (drifts.length === 0) return [];
    const rows = drifts.map((d) => ({
      account_id: d.accountId,
      kind: d.kind,
      drift_key: d.key,
      root: d.root,
      symbol: d.symbol,
      platform: d.platform,
      believed: d.believed,
      action: d.action,
      action_detail: d.actionDetail,
      resolved: d.resolved,
    }));
    const r = await this.sql.query<Row>(RECORD, [JSON.stringify(rows)]);
    return r.rows.map(toEvent).sort((a, b) => a.id - b.id);
  }

  async update(accountId: number, seen: string[], resolved: string[]): Promise<void> {
    await Promise.all([
      seen.length > 0 ? this.sql.query(SEEN, [accountId, seen]) : null,
      resolved.length > 0 ? this.sql.query(RESOLVE, [accountId, resolved]) : null,
    ]);
  }

  async list(
    filter: DriftFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: DriftEvent[] }> {
    const where = [filter.accountId ?? null, filter.kind ?? null];
    const [items, count] = await Promise.all([
      this.sql.query<Row>(LIST, [...where, page.limit, page.offset]),
      this.sql.query<{ total: number }>(COUNT, where),
    ]);
    return { total: count.rows[0].total, items: items.rows.map(toEvent) };
  }
}

function toEvent(r: Row): DriftEvent {
  return {
    id: Number(r.id),
    accountId: r.account_id,
    kind: r.kind,
    key: r.drift_key,
    root: r.root,
    symbol: r.symbol,
    platform: r.platform,
    believed: r.believed,
    action: r.action,
    actionDetail: r.action_detail,
    detectedAt: r.detected_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
  };
}
