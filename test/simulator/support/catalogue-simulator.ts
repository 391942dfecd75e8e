import Decimal from 'decimal.js';
import {
  CalendarEventStore,
  StoredEvent,
} from '../../../src/calendar/application/ports/calendar-event.store.port';
import { FirmEnvReader } from '../../../src/platform/config/firm-env.reader';
import type { FirmRecord, ProgramRecord } from '../../../src/registry/application/ports/program-catalog.port';
import { RuleBookService } from '../../../src/risk/application/rule-book.service';
import type { TradeRecord } from '../../../src/simulator/domain/trade-record';
import { ReplaySimulatorService } from '../../../src/simulator/application/replay-simulator.service';
import { ContractValuationService } from '../../../src/sizing/application/contract-valuation.service';
import { ProgramSizingService } from '../../../src/sizing/application/program-sizing.service';
import { SpecTableContractCatalog } from '../../../src/sizing/infrastructure/catalog/spec-table-contract-catalog';
import { EnvSizingRules } from '../../../src/sizing/infrastructure/config/env-sizing-rules';
import { catalogueFirms, cataloguePrograms } from '../../risk/support/catalogue';
import { FakeProgramCatalog } from '../../risk/support/risk.fakes';

/** The economic calendar table, in memory (the simulator reads `between`). */
export class InMemoryCalendar extends CalendarEventStore {
  constructor(public events: StoredEvent[] = []) {
    super();
  }
  async upsert(): Promise<never> {
    throw new Error('read-only');
  }
  async between(from: Date, to: Date): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.at >= from && e.at <= to);
  }
}

/**
 * The simulator over the shipped catalogue (catalog/prop-firms.json) with the real rule book (17:00 New York
 * default day), the real sizing (env rules from `env`, the built-in contract specs) and an in-memory calendar:
 * no database. For tests, the benchmark and the paper-account property test.
 */
export function catalogueSimulator(
  opts: {
    env?: Record<string, string>;
    events?: StoredEvent[];
    firms?: FirmRecord[];
    programs?: ProgramRecord[];
  } = {},
) {
  const catalog = new FakeProgramCatalog(opts.firms ?? catalogueFirms, opts.programs ?? cataloguePrograms);
  const contracts = new SpecTableContractCatalog();
  const rules = new EnvSizingRules(new FirmEnvReader(opts.env ?? {}), { SIZING_MAX_RISK_PERCENT: 0.05 });
  const sizer = new ProgramSizingService(catalog, rules, contracts);
  const valuation = new ContractValuationService(contracts, rules);
  const book = new RuleBookService({ rolloverMinute: 17 * 60, zone: 'America/New_York' });
  const calendar = new InMemoryCalendar(opts.events ?? []);
  return {
    simulator: new ReplaySimulatorService(catalog, book, sizer, contracts, valuation, calendar),
    catalog,
    calendar,
  };
}

/** The catalogue program of `firm` with `size` (the first when several). */
export function programOf(firm: string, size: number, name?: string): ProgramRecord {
  const p = cataloguePrograms.find(
    (x) => x.firmCode === firm && x.accountSize === size && (name === undefined || x.name.includes(name)),
  );
  if (!p) throw new Error(`no ${firm} ${size} program in the catalogue`);
  return p;
}

/** A round trip: `side` at `entry` (ISO with zone) for `minutes`, `pnlPoints` per contract, optional worst/best in points. */
export function aTrade(o: {
  ref?: string;
  symbol?: string;
  side?: 'long' | 'short';
  quantity?: number;
  entry: string;
  exit: string;
  entryPrice?: string;
  points: string;
  worstPoints?: string;
  bestPoints?: string;
  pointValue?: number;
  stopPoints?: string;
}): TradeRecord {
  const side = o.side ?? 'long';
  const q = o.quantity ?? 1;
  const sign = side === 'long' ? 1 : -1;
  const e = new Decimal(o.entryPrice ?? '20000');
  const x = e.plus(new Decimal(o.points).times(sign));
  const pv = new Decimal(o.pointValue ?? 20);
  const entryAt = new Date(o.entry);
  const exitAt = new Date(o.exit);
  const open = side === 'long' ? 'buy' : 'sell';
  const close = side === 'long' ? 'sell' : 'buy';
  return {
    ref: o.ref ?? `trade at ${o.entry}`,
    symbol: o.symbol ?? 'NQ',
    side,
    quantity: q,
    entryAt,
    exitAt,
    entryPrice: e,
    exitPrice: x,
    stopLoss: o.stopPoints ? e.minus(new Decimal(o.stopPoints).times(sign)) : null,
    runUp: o.bestPoints ? new Decimal(o.bestPoints).times(pv).times(q) : null,
    drawdown: o.worstPoints ? new Decimal(o.worstPoints).times(pv).times(q) : null,
    fills: [
      { at: entryAt, side: open, quantity: q, price: e },
      { at: exitAt, side: close, quantity: q, price: x },
    ],
  };
}
