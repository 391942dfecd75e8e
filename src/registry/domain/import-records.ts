import { isJsonObject } from './field-check';
import type {
  AuditEntity,
  Draft,
  FirmFields,
  JsonObject,
  ProgramFields,
  ScalingRuleFields,
} from './registry-records';

/**
 * One record of an import document, in document order, with where it came from (`firms[0].programs[2]`,
 * `line 7`) so that the per-row report points at it. Natural keys: a firm by code; a program by firm,
 * name and account size; a scaling rule by its program (or its firm, for a firm-wide rule) and step number.
 */
export interface ProgramKey {
  name: unknown;
  account_size: unknown;
}

export type ImportRecord =
  | { source: string; entity: 'firm'; fields: Draft<FirmFields> }
  | { source: string; entity: 'program'; firm_code: unknown; fields: Draft<Omit<ProgramFields, 'firm_id'>> }
  | {
      source: string;
      entity: 'scaling_rule';
      firm_code: unknown;
      program: ProgramKey | null;
      fields: Draft<Omit<ScalingRuleFields, 'firm_id' | 'program_id'>>;
    };

/** `retired`: a generic seed program deleted by `--retire-generic`; `kept`: one it had to keep (problems say why). */
export type ImportAction = 'created' | 'updated' | 'unchanged' | 'rejected' | 'retired' | 'kept';

export interface ImportRowReport {
  source: string;
  entity: AuditEntity;
  key: string;
  action: ImportAction;
  id: number | null;
  problems: string[];
}

export interface ImportReport {
  dry_run: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Generic seed programs retired (`retireGeneric`); 0 otherwise. */
  retired: number;
  rows: ImportRowReport[];
}

export type Parsed = { ok: true; records: ImportRecord[] } | { ok: false; problems: string[] };

export const FIRM_KEYS = ['code', 'name', 'website_url', 'status', 'schema_version', 'meta'] as const;
export const PROGRAM_KEYS = [
  'name',
  'account_size',
  'currency',
  'max_daily_loss',
  'max_total_loss',
  'profit_target',
  'min_trading_days',
  'max_trading_days',
  'payout_split',
  'scaling_plan',
  'schema_version',
  'meta',
] as const;
export const RULE_KEYS = [
  'step_number',
  'scale_factor',
  'profit_target_multiple',
  'min_days_between_scales',
  'max_equity_drawdown',
  'meta',
] as const;
/** Program limits the other contexts read from program meta (see program-limits.ts). */
export const PROGRAM_LIMIT_KEYS = [
  'drawdown_type',
  'max_contracts',
  'max_risk_percent',
  'scaling_ladder',
] as const;

/**
 * Splits `src` into the known columns and the rest. The rest goes into `meta` (the seed's extension point),
 * so a catalogue's extra facts (sources, notes, platforms) are kept rather than refused.
 */
function pick(src: JsonObject, keys: readonly string[], skip: readonly string[]): JsonObject {
  const out: JsonObject = {};
  const extra: JsonObject = {};
  for (const [k, v] of Object.entries(src)) {
    if (skip.includes(k)) continue;
    if (keys.includes(k)) out[k] = v;
    else extra[k] = v;
  }
  if (Object.keys(extra).length) {
    out.meta = isJsonObject(out.meta) ? { ...extra, ...out.meta } : out.meta === undefined ? extra : out.meta;
  }
  return out;
}

/**
 * The JSON import format: `[firm, …]` or `{"firms": [...], "programs": [...], "scaling_rules": [...]}`.
 * A firm may nest its `programs` (each may nest `scaling_rules`) and firm-wide `scaling_rules`; top-level
 * programs and rules name their firm with `firm_code` (and rules their program with `program_name` +
 * `account_size`). Unknown keys of firms and programs are kept in their `meta`.
 */
export function parseJsonImport(doc: unknown): Parsed {
  const root = Array.isArray(doc) ? { firms: doc } : doc;
  if (!isJsonObject(root))
    return {
      ok: false,
      problems: ['document: must be an array of firms or an object with firms, programs, scaling_rules'],
    };
  const unknown = Object.keys(root).filter((k) => !['firms', 'programs', 'scaling_rules'].includes(k));
  const problems = unknown.map(
    (k) => `${k}: unknown top-level key (expected firms, programs, scaling_rules)`,
  );
  const lists: Record<string, unknown[]> = {};
  for (const key of ['firms', 'programs', 'scaling_rules']) {
    const v = root[key];
    if (v === undefined) lists[key] = [];
    else if (Array.isArray(v)) lists[key] = v;
    else problems.push(`${key}: must be an array`);
  }
  if (problems.length) return { ok: false, problems };
  const records: ImportRecord[] = [];
  lists.firms.forEach((f, i) => firmRecords(f, `firms[${i}]`, records));
  lists.programs.forEach((p, i) =>
    programRecords(p, `programs[${i}]`, isJsonObject(p) ? p.firm_code : undefined, records),
  );
  lists.scaling_rules.forEach((r, i) => {
    const src = isJsonObject(r) ? r : {};
    const program =
      src.program_name === undefined ? null : { name: src.program_name, account_size: src.account_size };
    records.push(ruleRecord(r, `scaling_rules[${i}]`, src.firm_code, program));
  });
  return { ok: true, records };
}

function firmRecords(f: unknown, source: string, out: ImportRecord[]): void {
  const src = isJsonObject(f) ? f : {};
  out.push({
    source,
    entity: 'firm',
    fields: isJsonObject(f) ? pick(src, FIRM_KEYS, ['programs', 'scaling_rules']) : notAnObject(),
  });
  const programs = Array.isArray(src.programs) ? src.programs : [];
  programs.forEach((p, i) => programRecords(p, `${source}.programs[${i}]`, src.code, out));
  const rules = Array.isArray(src.scaling_rules) ? src.scaling_rules : [];
  rules.forEach((r, i) => out.push(ruleRecord(r, `${source}.scaling_rules[${i}]`, src.code, null)));
}

function programRecords(p: unknown, source: string, firmCode: unknown, out: ImportRecord[]): void {
  const src = isJsonObject(p) ? p : {};
  const fields = isJsonObject(p) ? pick(src, PROGRAM_KEYS, ['scaling_rules', 'firm_code']) : notAnObject();
  out.push({ source, entity: 'program', firm_code: firmCode, fields });
  const rules = Array.isArray(src.scaling_rules) ? src.scaling_rules : [];
  const key = { name: src.name, account_size: src.account_size };
  rules.forEach((r, i) => out.push(ruleRecord(r, `${source}.scaling_rules[${i}]`, firmCode, key)));
}

function ruleRecord(r: unknown, source: string, firmCode: unknown, program: ProgramKey | null): ImportRecord {
  const fields = isJsonObject(r)
    ? pick(r, RULE_KEYS, ['firm_code', 'program_name', 'account_size'])
    : notAnObject();
  return { source, entity: 'scaling_rule', firm_code: firmCode, program, fields };
}

/** A record that is not an object: every required field reports missing, which names the problem. */
function notAnObject(): JsonObject {
  return {};
}
