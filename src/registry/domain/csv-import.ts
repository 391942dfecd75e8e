import type { JsonObject } from './registry-records';
import { ImportRecord, PROGRAM_KEYS, PROGRAM_LIMIT_KEYS, RULE_KEYS } from './import-records';

/** Columns of the CSV format: one line per program (with its firm's columns), optionally one rule step. */
export const CSV_COLUMNS = [
  'firm_code',
  'firm_name',
  'website_url',
  'status',
  'program_name',
  'account_size',
  'currency',
  'max_daily_loss',
  'max_total_loss',
  'profit_target',
  'min_trading_days',
  'max_trading_days',
  'payout_split',
  'scaling_plan',
  ...PROGRAM_LIMIT_KEYS,
  'step_number',
  'scale_factor',
  'profit_target_multiple',
  'min_days_between_scales',
  'max_equity_drawdown',
] as const;

const CSV_NUMBERS = new Set<string>([
  'account_size',
  'max_daily_loss',
  'max_total_loss',
  'profit_target',
  'min_trading_days',
  'max_trading_days',
  'payout_split',
  'max_contracts',
  'max_risk_percent',
  'step_number',
  'scale_factor',
  'profit_target_multiple',
  'min_days_between_scales',
  'max_equity_drawdown',
]);
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as a typed value: empty → absent; numeric columns → numbers when they look like one. */
function cell(column: string, raw: string | undefined): unknown {
  const v = raw?.trim();
  if (v === undefined || v === '') return undefined;
  if (CSV_NUMBERS.has(column)) return NUMERIC_TEXT.test(v) ? Number(v) : v;
  if (column === 'scaling_ladder') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

/**
 * CSV lines (header already checked, `line` = the file's line number) → records. A line gives its firm
 * (when it has `firm_name`), its program (when it has `program_name`) and a scaling step (when it has
 * `scale_factor`: of that program, or firm-wide without one); a line with none of them names its firm.
 */
export function csvRecords(lines: CsvLine[]): ImportRecord[] {
  return lines.flatMap(lineRecords);
}

export interface CsvLine {
  line: number;
  cells: Record<string, string>;
}

function lineRecords({ line, cells }: CsvLine): ImportRecord[] {
  const v = (c: string) => cell(c, cells[c]);
  const source = `line ${line}`;
  const firmCode = v('firm_code');
  const out: ImportRecord[] = [];
  if (v('firm_name') !== undefined) {
    const fields = {
      code: firmCode,
      name: v('firm_name'),
      website_url: v('website_url'),
      status: v('status'),
    };
    out.push({ source, entity: 'firm', fields: defined(fields) });
  }
  if (v('program_name') !== undefined) out.push(programRecord(source, firmCode, v));
  if (v('scale_factor') !== undefined) {
    const fields = defined(Object.fromEntries(RULE_KEYS.filter((k) => k !== 'meta').map((k) => [k, v(k)])));
    const program =
      v('program_name') === undefined ? null : { name: v('program_name'), account_size: v('account_size') };
    out.push({ source, entity: 'scaling_rule', firm_code: firmCode, program, fields });
  }
  return out.length ? out : [{ source, entity: 'firm', fields: defined({ code: firmCode }) }];
}

function programRecord(source: string, firmCode: unknown, v: (column: string) => unknown): ImportRecord {
  const limits = defined(Object.fromEntries(PROGRAM_LIMIT_KEYS.map((k) => [k, v(k)])));
  const fields = defined(
    Object.fromEntries(PROGRAM_KEYS.filter((k) => k !== 'name' && k !== 'meta').map((k) => [k, v(k)])),
  );
  return {
    source,
    entity: 'program',
    firm_code: firmCode,
    fields: {
      ...fields,
      name: v('program_name'),
      ...(Object.keys(limits).length ? { meta: limits } : {}),
    },
  };
}

function defined(o: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
