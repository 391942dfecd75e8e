import { Inject, Injectable } from '@nestjs/common';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import {
  ProfitRequest,
  RiskCheckRequest,
  RiskGate,
  RiskReading,
} from '../../risk/application/ports/risk-gate.port';
import { PositionSizer, SizingRequest } from '../../sizing/application/ports/position-sizer.port';
import { firmQuantity, planEntry, planExit } from '../domain/routing-plan';
import type { Signal } from '../domain/signal';
import {
  assembleResult,
  ConnectorOutcome,
  failed,
  FAIL_MISSING_QUANTITY,
  SizingDecision,
  SKIP_DRY_RUN,
  SKIP_NO_ROUTED_ENTRY,
  skipped,
  TaskResult,
} from '../domain/task-result';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import { Coalesced } from './coalesce';
import { OrderExecutor } from './order-executor';
import { byFirm, entrySends, exitSends } from './order-sends';
import { OrderStore } from './ports/order-store.port';
import type { ClaimedTask } from './ports/task-queue.port';

/** Reads started for a signal before its task was claimed; `reading` is null where nothing was started. */
export interface PreparedRoute {
  reading: Promise<RiskReading | null> | null;
}

/**
 * The pipeline of one task (seed 13E `_handle_task`): targets → sizing per firm × program → risk per
 * firm → allowed firms → connectors in parallel. Rejections are results, never errors.
 * The tasks of a claimed batch run concurrently and reach each read together: their account profits,
 * sizing and risk reads are coalesced into one call per event-loop turn (one set of queries per batch,
 * not per task); an entry's account profits and risk checks share one risk read (RiskGate.snapshot). Every
 * request is still answered on its own, from data read no earlier than its task began.
 */
@Injectable()
export class TaskPipeline {
  private readonly sizing = new Coalesced<SizingRequest, SizingDecision>((r) => this.sizer.size(r));
  private readonly riskChecks = new Coalesced<RiskCheckRequest, TaskResult['risk_checks'][number]>((r) =>
    this.risk.check(r),
  );
  private readonly readings = new Coalesced<RiskCheckRequest[], RiskReading | null>(async (bases) => {
    const reading = await this.risk.snapshot(bases.flat()).catch(() => null);
    return bases.map(() => reading);
  });
  private readonly profits = new Coalesced<ProfitRequest, Map<number, number>>((r) =>
    this.risk.accountProfitsOfMany(r),
  );

  constructor(
    private readonly sizer: PositionSizer,
    private readonly risk: RiskGate,
    private readonly gateway: ConnectorGateway,
    private readonly executor: OrderExecutor,
    private readonly orders: OrderStore,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
  ) {}

  /**
   * Starts the reads of a signal's route before its task exists (the hand-off: beside the insert), so that
   * they are done when the task starts. Reads only: nothing is decided or sent before `route`.
   */
  prepare(signal: Signal): PreparedRoute {
    if (signal.event_type !== 'entry') return { reading: null };
    const reading = this.readRisk(
      this.entryTargets(signal).map((firm) => riskRequest(signal, firm, signal.side!, null)),
    );
    return { reading };
  }

  /** Routes a claimed task; `prepared` is what `prepare` started for its signal, when it did. */
  route(task: ClaimedTask, prepared: PreparedRoute | null = null): Promise<TaskResult> {
    return task.signal.event_type === 'entry' ? this.routeEntry(task, prepared) : this.routeExit(task);
  }

  private entryTargets(s: Signal): string[] {
    return s.firm_codes.length > 0 ? s.firm_codes : this.enabledFirms();
  }

  private async routeEntry(task: ClaimedTask, prepared: PreparedRoute | null): Promise<TaskResult> {
    const s = task.signal;
    const targets = this.entryTargets(s);
    const reading = await (prepared?.reading ??
      this.readRisk(targets.map((firm) => riskRequest(s, firm, s.side!, null))));
    const sizing = await this.size(s, targets, reading);
    const checks = targets.map((firm) =>
      riskRequest(s, firm, s.side!, firmQuantity(firm, sizing, s.quantity).quantity),
    );
    const risk = reading ? reading.check(checks) : await this.checkRisk(checks);
    const plan = planEntry(targets, risk, sizing, {
      sized: s.program_ids.length > 0,
      userQuantity: s.quantity,
    });
    const sent = this.config.dryRun
      ? new Map()
      : byFirm(await this.executor.execute(entrySends(task, plan.orders, this.gateway)));
    const connectors = plan.allowed.map((firm) => {
      if (plan.missingQuantity.includes(firm)) return failed(firm, FAIL_MISSING_QUANTITY);
      return sent.get(firm) ?? skipped(firm, SKIP_DRY_RUN);
    });
    return this.result(s, targets, risk, sizing, connectors);
  }

  /** Closes, at each target firm, what this trade's entry opened there; nothing where it opened nothing. */
  private async routeExit(task: ClaimedTask): Promise<TaskResult> {
    const s = task.signal;
    const entries = await this.orders.routedEntries(s.trade_id);
    const targets =
      s.firm_codes.length > 0
        ? s.firm_codes
        : [...new Set([...this.enabledFirms(), ...entries.map((e) => e.firm_code)])];
    const open = entries.filter((e) => targets.includes(e.firm_code));
    const risk = await this.checkRisk(
      open.map((e) =>
        riskRequest({ ...s, symbol: e.symbol }, e.firm_code, e.side === 'BUY' ? 'sell' : 'buy', e.quantity),
      ),
    );
    const plan = planExit(targets, risk, open);
    const closing = plan.flatMap((p) => (p.entry ? [p.entry] : []));
    const sent = this.config.dryRun
      ? new Map()
      : byFirm(await this.executor.execute(exitSends(task, closing, this.gateway)));
    const unrouted = targets.filter((firm) => !open.some((e) => e.firm_code === firm));
    const connectors = [
      ...plan.flatMap((p) => (p.entry ? [sent.get(p.firm_code) ?? skipped(p.firm_code, SKIP_DRY_RUN)] : [])),
      ...unrouted.map((firm) => skipped(firm, SKIP_NO_ROUTED_ENTRY)),
    ];
    return this.result(s, targets, risk, [], connectors);
  }

  private enabledFirms(): string[] {
    return this.gateway.enabledFirms().map((f) => f.toUpperCase());
  }

  /**
   * The risk gate's data for an entry's checks, read once for the batch (coalesced) and used for both the
   * account profits of sizing and the checks; null when that read is not available or failed, and then the
   * profits and the checks read for themselves as they always did (and fail or reject as they always did).
   */
  private async readRisk(basis: RiskCheckRequest[]): Promise<RiskReading | null> {
    if (basis.length === 0) return null;
    const [reading] = await this.readings.call([basis]);
    return reading;
  }

  /** Sizing for every target firm × program, with each program's account profit for scaling ladders. */
  private async size(s: Signal, targets: string[], reading: RiskReading | null): Promise<SizingDecision[]> {
    if (s.program_ids.length === 0 || targets.length === 0) return [];
    const profits = reading
      ? targets.map((firm) => reading.accountProfits(firm, s.program_ids))
      : await this.profits.call(targets.map((firmCode) => ({ firmCode, programIds: s.program_ids })));
    const requests: SizingRequest[] = targets.flatMap((firmCode, i) =>
      s.program_ids.map((programId) => ({
        firmCode,
        programId,
        symbol: s.symbol,
        entryPrice: s.entry_price,
        stopLoss: s.stop_loss,
        riskPercent: s.risk_percent,
        quantity: s.quantity,
        accountProfit: profits[i].get(programId) ?? null,
      })),
    );
    return this.sizing.call(requests);
  }

  private checkRisk(requests: RiskCheckRequest[]) {
    return requests.length > 0 ? this.riskChecks.call(requests) : Promise.resolve([]);
  }

  private result(
    s: Signal,
    targets: string[],
    risk: TaskResult['risk_checks'],
    sizing: SizingDecision[],
    connectors: ConnectorOutcome[],
  ): TaskResult {
    return assembleResult({
      eventType: s.event_type,
      tradeId: s.trade_id,
      dryRun: this.config.dryRun,
      targets,
      risk,
      sizing,
      connectors,
    });
  }
}

function riskRequest(
  s: Signal,
  firmCode: string,
  side: 'buy' | 'sell',
  quantity: number | null,
): RiskCheckRequest {
  return {
    firmCode,
    programIds: s.program_ids,
    eventType: s.event_type,
    symbol: s.symbol,
    side,
    quantity,
    entryPrice: s.entry_price,
    stopLoss: s.stop_loss,
    riskPercent: s.risk_percent,
  };
}
