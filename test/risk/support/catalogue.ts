import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FirmRecord, ProgramRecord } from '../../../src/registry/application/ports/program-catalog.port';
import { parseFirmFlatBy } from '../../../src/registry/domain/firm-flat-by';
import { parseFirmTradingDay } from '../../../src/registry/domain/firm-trading-day';
import type { Program } from '../../../src/registry/domain/registry-records';
import { toProgramRecord } from '../../../src/registry/infrastructure/catalog/cached-program-catalog';

/** The shipped catalogue (catalog/prop-firms.json) as the registry's read side serves it: firm and program records. */
interface CatalogueFirm {
  code: string;
  name: string;
  meta: Record<string, unknown>;
  programs: Record<string, unknown>[];
}
// from test/ (jest) or from dist-bench/test/ (the compiled benchmark)
const FILE = ['../../..', '../../../..']
  .map((up) => join(__dirname, up, 'catalog', 'prop-firms.json'))
  .find((f) => existsSync(f)) as string;
const catalogue = JSON.parse(readFileSync(FILE, 'utf8')) as {
  firms: CatalogueFirm[];
};
export const catalogueFirms: FirmRecord[] = catalogue.firms.map((f, i) => {
  const day = parseFirmTradingDay(f.meta.trading_day).tradingDay;
  const flatBy = parseFirmFlatBy(f.meta.flat_by).flatBy;
  return {
    id: i + 1,
    code: f.code,
    name: f.name,
    status: 'active',
    tradingDay: day && { reset: day.reset, timeZone: day.time_zone },
    flatBy: flatBy && { time: flatBy.time, timeZone: flatBy.time_zone, earlyClose: flatBy.early_close },
    meta: f.meta,
  };
});
let nextId = 1;
export const cataloguePrograms: ProgramRecord[] = catalogue.firms.flatMap((f, i) =>
  f.programs.map((p) =>
    toProgramRecord({
      max_daily_loss: null,
      max_total_loss: null,
      profit_target: null,
      min_trading_days: null,
      max_trading_days: null,
      payout_split: null,
      scaling_plan: null,
      schema_version: 1,
      ...p,
      id: nextId++,
      firm_id: i + 1,
      firm_code: f.code,
      firm_name: f.name,
      currency: 'USD',
    } as Program),
  ),
);
