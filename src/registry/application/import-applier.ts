import type { ImportRecord, ImportRowReport } from '../domain/import-records';
import type { Firm, Program, ScalingRule } from '../domain/registry-records';
import type { RegistryTx } from './ports/registry-store.port';
import type { RegistryWriter, WriteOutcome } from './registry-writer';

export interface AppliedRow {
  report: ImportRowReport;
  /** The firm the record belongs to, when it was applied. */
  firmId: number | null;
}

type FirmRecord = Extract<ImportRecord, { entity: 'firm' }>;
type ProgramRecord = Extract<ImportRecord, { entity: 'program' }>;
type RuleRecord = Extract<ImportRecord, { entity: 'scaling_rule' }>;

/** Upserts one import record by its natural key (in the import's transaction) and reports what happened. */
export async function applyRecord(
  tx: RegistryTx,
  writer: RegistryWriter,
  record: ImportRecord,
): Promise<AppliedRow> {
  if (record.entity === 'firm') return applyFirm(tx, writer, record);
  const firm = typeof record.firm_code === 'string' ? await tx.firmByCode(record.firm_code) : null;
  return record.entity === 'program'
    ? applyProgram(tx, writer, record, firm)
    : applyRule(tx, writer, record, firm);
}

async function applyFirm(tx: RegistryTx, writer: RegistryWriter, record: FirmRecord): Promise<AppliedRow> {
  const code = record.fields.code;
  const existing = typeof code === 'string' ? await tx.firmByCode(code) : null;
  return done(record, String(code ?? '?'), await writer.saveFirm(existing, record.fields));
}

async function applyProgram(
  tx: RegistryTx,
  writer: RegistryWriter,
  record: ProgramRecord,
  firm: Firm | null,
): Promise<AppliedRow> {
  const { name, account_size } = record.fields;
  const key = `${String(record.firm_code ?? '?')} / ${String(name ?? '?')} / ${String(account_size ?? '?')}`;
  if (!firm) return rejected(record, key, [missingFirm(record.firm_code)]);
  const existing = await programByKey(tx, firm.id, name, account_size);
  return done(record, key, await writer.saveProgram(existing, { ...record.fields, firm_id: firm.id }));
}

async function applyRule(
  tx: RegistryTx,
  writer: RegistryWriter,
  record: RuleRecord,
  firm: Firm | null,
): Promise<AppliedRow> {
  const programKey = record.program
    ? `${String(record.program.name ?? '?')} / ${String(record.program.account_size ?? '?')} / `
    : '';
  const key = `${String(record.firm_code ?? '?')} / ${programKey}step ${String(record.fields.step_number ?? 1)}`;
  if (!firm) return rejected(record, key, [missingFirm(record.firm_code)]);
  let programId: number | null = null;
  if (record.program) {
    const program = await programByKey(tx, firm.id, record.program.name, record.program.account_size);
    if (!program)
      return rejected(record, key, [
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
  return done(record, key, await writer.saveRule(existing, existing ? record.fields : draft));
}

function rejected(record: ImportRecord, key: string, problems: string[]): AppliedRow {
  const report: ImportRowReport = {
    source: record.source,
    entity: record.entity,
    key,
    action: 'rejected',
    id: null,
    problems,
  };
  return { report, firmId: null };
}

function done(
  record: ImportRecord,
  key: string,
  outcome: WriteOutcome<Firm | Program | ScalingRule>,
): AppliedRow {
  if (!outcome.ok) return rejected(record, key, outcome.problems);
  const r = outcome.record;
  return {
    report: {
      source: record.source,
      entity: record.entity,
      key,
      action: outcome.action,
      id: r.id,
      problems: [],
    },
    firmId: 'firm_id' in r ? r.firm_id : r.id,
  };
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
