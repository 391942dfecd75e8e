import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors/app-error';
import { jsonDepthProblem, jsonTooDeep } from '../../platform/input/json-depth';
import { findTextProblems } from '../../shared-kernel/text-rule';
import { CSV_COLUMNS, csvRecords } from '../domain/csv-import';
import { ImportRecord, ImportReport, ImportRowReport, parseJsonImport } from '../domain/import-records';
import { applyRecord } from './import-applier';
import { RegistryStore, RegistryTx } from './ports/registry-store.port';
import { BASELINE_FIRMS, genericProgramsToRetire } from '../domain/baseline-seed';
import { RegistryWriter } from './registry-writer';

export type ImportFormat = 'json' | 'csv';

export interface ImportOptions {
  dryRun: boolean;
  actor: string;
  /** 'sync': audited as a sync, and the firms it touched get `last_synced_at`. */
  mode?: 'import' | 'sync';
  /** After the import, delete the baseline seed's generic programs of every firm that has real ones (unused by accounts). */
  retireGeneric?: boolean;
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
        if (opts.retireGeneric) rows.push(...(await retireGeneric(tx, writer)));
        if (opts.mode === 'sync') await tx.markFirmsSynced([...touched], opts.now ?? new Date());
        const count = (a: ImportRowReport['action']) => rows.filter((r) => r.action === a).length;
        return {
          dry_run: opts.dryRun,
          created: count('created'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          rejected: count('rejected'),
          retired: count('retired'),
          rows,
        };
      },
      { rollback: opts.dryRun },
    );
  }
}

/** The baseline firms' generic programs beside real ones, deleted; one kept where trading accounts use it. */
async function retireGeneric(tx: RegistryTx, writer: RegistryWriter): Promise<ImportRowReport[]> {
  const rows: ImportRowReport[] = [];
  for (const base of BASELINE_FIRMS) {
    const firm = await tx.firmByCode(base.code);
    if (!firm) continue;
    for (const p of genericProgramsToRetire(await tx.programsOfFirm(firm.id))) {
      const retired = await writer.retireProgram(p);
      rows.push({
        source: 'retire-generic',
        entity: 'program',
        key: `${firm.code} / ${p.name} / ${p.account_size}`,
        action: retired ? 'retired' : 'kept',
        id: p.id,
        problems: retired
          ? []
          : ['trading accounts use this program: move them to a real program, then retire it'],
      });
    }
  }
  return rows;
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
