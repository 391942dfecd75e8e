import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { CalendarEventStore } from '../../calendar/application/ports/calendar-event.store.port';
import { AppError } from '../../platform/errors/app-error';
import {
  FirmRecord,
  ProgramCatalog,
  ProgramRecord,
} from '../../registry/application/ports/program-catalog.port';
import { RuleBook, type EconomicEvent } from '../../risk/application/ports/rule-book.port';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { ContractValuation } from '../../sizing/application/ports/contract-valuation.port';
import { PositionSizer } from '../../sizing/application/ports/position-sizer.port';
import {
  ProgramSelection,
  ReplayReport,
  ReplayRequest,
  ReplaySimulator,
} from './ports/replay-simulator.port';
import { replayProgram } from './program-replay';
import { SetupFactory } from './program-setups';
import { searchRisk } from './risk-search';
import { quantitiesFor, stopDistances } from './trade-sizing';

const DAY_MS = 86_400_000;

/** ReplaySimulator: programs from the registry, rules from the risk context, sizing from the sizing context. */
@Injectable()
export class ReplaySimulatorService extends ReplaySimulator {
  constructor(
    private readonly catalog: ProgramCatalog,
    private readonly rules: RuleBook,
    private readonly sizer: PositionSizer,
    private readonly contracts: ContractCatalog,
    private readonly valuation: ContractValuation,
    private readonly calendar: CalendarEventStore,
  ) {
    super();
  }

  async replay(request: ReplayRequest): Promise<ReplayReport> {
    const started = performance.now();
    const { trades, sizing } = request;
    if (trades.length === 0) throw AppError.validation(['trades: none to replay']);
    const programs = await this.programsOf(request.programs);
    const phase = request.phase ?? 'evaluation';
    const lastExit = new Date(trades.reduce((m, t) => Math.max(m, t.exitAt.getTime()), 0));
    const events = await this.eventsFor(request, programs, lastExit);
    const firms = await this.firmsOf(programs);
    const factory = new SetupFactory(
      this.rules,
      this.contracts,
      this.valuation,
      trades,
      firms,
      events,
      phase,
    );
    const distances = sizing.mode === 'risk' ? stopDistances(trades, sizing.stopPoints) : null;
    const quantities = await quantitiesFor(this.sizer, programs, trades, sizing, distances);
    const riskPercent = sizing.mode === 'risk' ? Number(sizing.riskPercent) : null;
    const verdicts = programs.map((p) => {
      const setup = factory.setup(p, { mode: sizing.mode, riskPercent }, request.curve === true, distances);
      return replayProgram(this.rules, setup, trades, quantities.get(p.id)!);
    });
    const search = request.search ? await this.search(request, programs, factory) : null;
    return {
      trades: trades.length,
      firstEntryAt: trades[0].entryAt.toISOString(),
      lastExitAt: lastExit.toISOString(),
      sizing,
      phase,
      newsEvents: events.length,
      verdicts,
      search,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  private search(request: ReplayRequest, programs: ProgramRecord[], factory: SetupFactory) {
    const { trades, sizing } = request;
    const search = request.search!;
    const stops = search.stopPoints ?? (sizing.mode === 'risk' ? sizing.stopPoints : null);
    const tools = { rules: this.rules, sizer: this.sizer, factory, trades };
    return searchRisk(tools, programs, search, stopDistances(trades, stops));
  }

  /** The imported calendar's events over the trades (a day either side), when a program has a news rule. */
  private async eventsFor(
    request: ReplayRequest,
    programs: ProgramRecord[],
    to: Date,
  ): Promise<EconomicEvent[]> {
    if (request.news === false || !programs.some((p) => p.rules.news)) return [];
    const from = request.trades[0].entryAt;
    const rows = await this.calendar.between(
      new Date(from.getTime() - DAY_MS),
      new Date(to.getTime() + DAY_MS),
    );
    return rows.map((e) => ({ at: e.at, title: e.title, currency: e.currency, impact: e.impact }));
  }

  private async firmsOf(programs: readonly ProgramRecord[]): Promise<Map<string, FirmRecord | null>> {
    const firms = new Map<string, FirmRecord | null>();
    for (const code of new Set(programs.map((p) => p.firmCode)))
      firms.set(code, await this.catalog.findFirmByCode(code));
    return firms;
  }

  private async programsOf(selection: ProgramSelection): Promise<ProgramRecord[]> {
    if ('programIds' in selection) {
      const found = await this.catalog.findPrograms(selection.programIds);
      const unknown = selection.programIds.filter((id) => !found.has(id));
      if (unknown.length > 0) throw AppError.validation(unknown.map((id) => `program_ids: no program ${id}`));
      return selection.programIds.map((id) => found.get(id)!);
    }
    const all = await this.catalog.listPrograms();
    if ('all' in selection) {
      if (all.length === 0) throw AppError.validation(['programs: the registry has no programs']);
      return all;
    }
    const firm = selection.firmCode.trim().toUpperCase();
    const mine = all.filter((p) => p.firmCode.toUpperCase() === firm);
    if (mine.length === 0) throw AppError.validation([`firm: no programs of a firm "${selection.firmCode}"`]);
    return mine;
  }
}
