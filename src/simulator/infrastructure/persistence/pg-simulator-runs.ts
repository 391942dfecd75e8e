import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import type { ReplayReport } from '../../application/ports/replay-simulator.port';
import { RunSummary, SimulatorRuns, StoredRun } from '../../application/ports/simulator-runs.port';

const COLUMNS = `id, created_at, created_by, format, trades, programs, passed, failed, not_yet, parameters`;

interface Row {
  id: string;
  created_at: Date;
  created_by: string;
  format: string;
  trades: number;
  programs: number;
  passed: number;
  failed: number;
  not_yet: number;
  parameters: Record<string, unknown>;
  report?: ReplayReport;
}

/** SimulatorRuns on the `simulator_runs` table. */
@Injectable()
export class PgSimulatorRuns extends SimulatorRuns {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async insert(r: Omit<StoredRun, 'id' | 'createdAt'>): Promise<RunSummary> {
    const res = await this.sql.query<Row>(
      `INSERT INTO simulator_runs (created_by, format, trades, programs, passed, failed, not_yet, parameters, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        r.createdBy,
        r.format,
        r.trades,
        r.programs,
        r.passed,
        r.failed,
        r.notYet,
        JSON.stringify(r.parameters),
        JSON.stringify(r.report),
      ],
    );
    return summary(res.rows[0]);
  }

  async find(id: number): Promise<StoredRun | null> {
    const res = await this.sql.query<Row>(`SELECT ${COLUMNS}, report FROM simulator_runs WHERE id = $1`, [
      id,
    ]);
    const row = res.rows[0];
    return row ? { ...summary(row), report: row.report as ReplayReport } : null;
  }

  async list(limit: number, offset: number): Promise<{ total: number; items: RunSummary[] }> {
    const [rows, count] = await Promise.all([
      this.sql.query<Row>(`SELECT ${COLUMNS} FROM simulator_runs ORDER BY id DESC LIMIT $1 OFFSET $2`, [
        limit,
        offset,
      ]),
      this.sql.query<{ n: string }>('SELECT count(*) AS n FROM simulator_runs', []),
    ]);
    return { total: Number(count.rows[0].n), items: rows.rows.map(summary) };
  }
}

function summary(r: Row): RunSummary {
  return {
    id: Number(r.id),
    createdAt: r.created_at,
    createdBy: r.created_by,
    format: r.format,
    trades: r.trades,
    programs: r.programs,
    passed: r.passed,
    failed: r.failed,
    notYet: r.not_yet,
    parameters: r.parameters,
  };
}
