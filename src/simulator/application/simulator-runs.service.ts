import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { RecordedFills } from '../../risk/application/ports/recorded-fills.port';
import { roundTrips } from '../domain/round-trips';
import type { TradeRecord } from '../domain/trade-record';
import { ReplayRequest, ReplaySimulator } from './ports/replay-simulator.port';
import { RunSummary, SimulatorRuns, StoredRun } from './ports/simulator-runs.port';
import { parseTradeFile, TradeFile } from './trade-file.parser';

/** PropRouter's own record: the fills applied to one trading account in [from, to). */
export interface RecordedSource {
  format: 'proprouter';
  accountId: number;
  from: Date;
  to: Date;
}

export interface RunRequest {
  source: TradeFile | RecordedSource;
  replay: Omit<ReplayRequest, 'trades'>;
  createdBy: string;
  /** What was asked, as stored with the run (no file content). */
  parameters: Record<string, unknown>;
}

/** Runs: a trade list read, replayed (ReplaySimulator) and stored with its report. */
@Injectable()
export class SimulatorRunsService {
  constructor(
    private readonly simulator: ReplaySimulator,
    private readonly runs: SimulatorRuns,
    private readonly fills: RecordedFills,
  ) {}

  async create(req: RunRequest): Promise<StoredRun> {
    const trades = await this.tradesOf(req.source);
    const report = await this.simulator.replay({ ...req.replay, trades });
    const count = (status: string) => report.verdicts.filter((v) => v.status === status).length;
    const run = {
      createdBy: req.createdBy,
      format: req.source.format,
      trades: report.trades,
      programs: report.verdicts.length,
      passed: count('PASSED'),
      failed: count('FAILED'),
      notYet: count('NOT_YET'),
      parameters: req.parameters,
      report,
    };
    const stored = await this.runs.insert(run);
    return { ...stored, report };
  }

  find(id: number): Promise<StoredRun | null> {
    return this.runs.find(id);
  }

  list(limit: number, offset: number): Promise<{ total: number; items: RunSummary[] }> {
    return this.runs.list(limit, offset);
  }

  private async tradesOf(source: TradeFile | RecordedSource): Promise<TradeRecord[]> {
    if (source.format !== 'proprouter') return parseTradeFile(source);
    if (source.to <= source.from) throw AppError.validation(['to: must be after from']);
    const recorded = await this.fills.between(source.accountId, source.from, source.to);
    if (recorded.length === 0)
      throw AppError.validation([
        `account_id: no fills recorded for account ${source.accountId} in that period`,
      ]);
    const paired = roundTrips(
      recorded.map((f) => ({ ...f, ref: `fill ${f.fillId}`, symbol: f.symbol.toUpperCase() })),
    );
    if (paired.problems.length > 0) throw AppError.validation(paired.problems);
    return paired.trades;
  }
}
