import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors/app-error';
import { jsonDepthProblem, jsonTooDeep } from '../../platform/input/json-depth';
import { findTextProblems } from '../../platform/input/text-rule';
import {
  CSV_COLUMNS,
  csvRecords,
  ImportRecord,
  ImportReport,
  ImportRowReport,
  parseJsonImport,
} from '../domain/import-records';
import type { Firm, Program, ScalingRule } from '../domain/registry-records';
import { RegistryStore, RegistryTx } from './ports/registry-store.port';
import { RegistryWriter, WriteOutcome } from './registry-writer';

export type ImportFormat = 'json' | 'csv';

export interface ImportOptions {
  dryRun: boolean;
  actor: string;
  /** 'sync': audited as a sync, and the firms it touched get `last_synced_at`. */
  mode?: 'import' | 'sync';
  now?: Date;
}

/**
 * Bulk import of firms, programs and scaling rules (JSON or CSV): upsert by natural key, one report row
 * per record. Valid records are applied and invalid ones rejected with their reasons, all in one
 * transaction; a dry run does the same work and rolls it back, so its report is exactly what would happen.
 */
@Injectable()
export class RegistryImportService {
  constructor(private readonly store: RegistryStore) {}

  /**
   * A document that cannot be read at all (bad JSON, unknown CSV columns, text the database cannot hold,
   * nesting past the cap) is a 400 naming every problem. The API, the sync and the CLI all come here.
   */
  parse(format: ImportFormat, body: unknown): ImportRecord[] {
    const parsed =
      format === 'csv'
        ? parseCsv(body)
        : parseJsonImport(unsafeTextRefused(typeof body === 'string' ? parseJsonText(body) : body));
    if (!parsed.ok) throw AppError.validation(parsed.problems);
    if (parsed.records.length === 0)
      throw AppError.validation(['document: contains no firms, programs or scaling rules']);
    return parsed.records;
  }

  run(records: ImportRecord[], opts: ImportOptions): Promise<ImportReport> {
    return this.store.transaction(
      async (tx) => {
        const writer = new RegistryWriter(tx, {
          actor: opts.actor,
          auditAs: opts.mode ?? 'import',
          meta: 'merge',
        });
        const rows: ImportRowReport[] = [];
        const touched = new Set<number>();
        for (const record of records) {
          const row = await applyRecord(tx, writer, record);
          rows.push(row.report);
          if (row.firmId !== null) touched.add(row.firmId);
        }
        if (opts.mode === 'sync') await tx.markFirmsSynced([...touched], opts.now ?? new Date());
        const count = (a: ImportRowReport['action']) => rows.filter((r) => r.action === a).length;
        return {
          dry_run: opts.dryRun,
          created: count('created'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          rejected: count('rejected'),
          rows,
        };
      },
      { rollback: opts.dryRun },
    );
  }
}

interface AppliedRow {
  report: ImportRowReport;
  /** The firm the record belongs to, when it was applied. */
  firmId: number | null;
}

async function applyRecord(
  tx: RegistryTx,
  writer: RegistryWriter,
  record: ImportRecord,
): Promise<AppliedRow> {
  const base = { source: record.source, entity: record.entity };
  const rejected = (key: string, problems: string[]): AppliedRow => ({
    report: { ...base, key, action: 'rejected', id: null, problems },
    firmId: null,
  });
  const done = (key: string, outcome: WriteOutcome<Firm | Program | ScalingRule>): AppliedRow => {
    if (!outcome.ok) return rejected(key, outcome.problems);
    const r = outcome.record;
    return {
      report: { ...base, key, action: outcome.action, id: r.id, problems: [] },
      firmId: 'firm_id' in r ? r.firm_id : r.id,
    };
  };

  if (record.entity === 'firm') {
    const code = record.fields.code;
    const existing = typeof code === 'string' ? await tx.firmByCode(code) : null;
    return done(String(code ?? '?'), await writer.saveFirm(existing, record.fields));
  }
  const firm = typeof record.firm_code === 'string' ? await tx.firmByCode(record.firm_code) : null;
  const firmKey = String(record.firm_code ?? '?');
  if (record.entity === 'program') {
    const key = `${firmKey} / ${String(record.fields.name ?? '?')} / ${String(record.fields.account_size ?? '?')}`;
    if (!firm) return rejected(key, [missingFirm(record.firm_code)]);
    const existing = await programByKey(tx, firm.id, record.fields.name, record.fields.account_size);
    return done(key, await writer.saveProgram(existing, { ...record.fields, firm_id: firm.id }));
  }
  const programKey = record.program
    ? `${String(record.program.name ?? '?')} / ${String(record.program.account_size ?? '?')} / `
    : '';
  const key = `${firmKey} / ${programKey}step ${String(record.fields.step_number ?? 1)}`;
  if (!firm) return rejected(key, [missingFirm(record.firm_code)]);
  let programId: number | null = null;
  if (record.program) {
    const program = await programByKey(tx, firm.id, record.program.name, record.program.account_size);
    if (!program)
      return rejected(key, [
        `program: firm ${firm.code} has no program "${String(record.program.name)}" of ${String(record.program.account_size)}`,
      ]);
    programId = program.id;
  }
  const step = record.fields.step_number ?? 1;
  const existing =
    (await tx.rulesOf({ firmId: firm.id })).find(
      (r) => r.program_id === programId && r.step_number === step,
    ) ?? null;
  const draft = { ...record.fields, firm_id: firm.id, program_id: programId };
  return done(key, await writer.saveRule(existing, existing ? record.fields : draft));
}

async function programByKey(
  tx: RegistryTx,
  firmId: number,
  name: unknown,
  size: unknown,
): Promise<Program | null> {
  return typeof name === 'string' && typeof size === 'number' && Number.isFinite(size)
    ? tx.programByKey(firmId, name, size)
    : null;
}

function missingFirm(code: unknown): string {
  return typeof code === 'string' && code
    ? `firm_code: no firm ${code} (add the firm earlier in this import, or first)`
    : 'firm_code: is required';
}

function parseJsonText(text: string): unknown {
  if (jsonTooDeep(text)) throw AppError.validation([jsonDepthProblem('document')]);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw AppError.validation([
      `document: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    ]);
  }
}

function unsafeTextRefused(doc: unknown): unknown {
  const problems = findTextProblems(doc, 'document');
  if (problems.length) throw AppError.validation(problems);
  return doc;
}

function parseCsv(body: unknown): ReturnType<typeof parseJsonImport> {
  if (typeof body !== 'string')
    return { ok: false, problems: ['document: a CSV import must be sent as text/csv'] };
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(body, { columns: true, skip_empty_lines: true, bom: true, info: true });
  } catch (err) {
    return {
      ok: false,
      problems: [`document: not valid CSV (${err instanceof Error ? err.message : String(err)})`],
    };
  }
  const header = rows.length ? Object.keys(rows[0].record) : [];
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const problems = unknown.map((c) => `${c}: unknown column (known: ${CSV_COLUMNS.join(', ')})`);
  if (rows.length && !header.includes('firm_code')) problems.push('firm_code: column is required');
  for (const { record, info } of rows) {
    for (const [column, cell] of Object.entries(record)) {
      problems.push(...findTextProblems(cell, `line ${info.lines}, ${column}`));
    }
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };
  return { ok: true, records: csvRecords(rows.map((r) => ({ line: r.info.lines, cells: r.record }))) };
}
