import { Inject, Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { ContractValuation } from '../../sizing/application/ports/contract-valuation.port';
import { worstCaseLoss } from '../domain/order-intent';
import { evaluateWithFit } from '../domain/entry-fit';
import { accountPointValue, ProgramAccount, RiskEvaluationInput } from '../domain/risk-evaluation';
import { countInMicros } from '../domain/rules/position-size.rule';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import { AccountStateRepository, keyOf } from './ports/account-state.repository.port';
import {
  ProfitRequest,
  RiskCheckRequest,
  RiskCheckResult,
  RiskGate,
  RiskReading,
} from './ports/risk-gate.port';
import { profitsFrom, programAccounts, Reservations, reserve } from './program-accounts';
import { toProgramLimits } from './program-limits.mapper';
import { accountIdOf, RiskSnapshot, RiskSnapshotLoader } from './risk-snapshot.loader';
import { RISK_SYNC_SETTINGS, RiskSyncSettings } from './risk-sync-settings';
import { engineError, toFittedResult, toOrderIntent } from './risk-check.mapping';

/** The pre-trade gate: one result per request, in order; failures become RISK_ENGINE_ERROR rejections. */
@Injectable()
export class RiskGateService extends RiskGate {
  private readonly logger = new Logger('RiskGate');

  constructor(
    private readonly loader: RiskSnapshotLoader,
    private readonly config: FirmRiskConfigReader,
    private readonly contracts: ContractCatalog,
    private readonly valuation: ContractValuation,
    private readonly catalog: ProgramCatalog,
    private readonly stateRepo: AccountStateRepository,
    @Inject(RISK_SYNC_SETTINGS) private readonly sync: RiskSyncSettings,
  ) {
    super();
  }

  async check(requests: RiskCheckRequest[]): Promise<RiskCheckResult[]> {
    if (requests.length === 0) return [];
    let snapshot: RiskSnapshot;
    try {
      snapshot = await this.loader.load(requests);
    } catch (error) {
      this.logger.error(`risk checks failed to load their data: ${describe(error)}`);
      return requests.map((r) => engineError(r, error));
    }
    return this.evaluate(requests, snapshot, new Map());
  }

  /**
   * The halts, programs and account states of these requests in one load; profits and checks from it. The
   * entries it approves count as pending exposure for its later checks (see Reservations).
   */
  override async snapshot(requests: RiskCheckRequest[]): Promise<RiskReading> {
    const snapshot = await this.loader.load(requests);
    const reserved: Reservations = new Map();
    return {
      accountProfits: (firmCode, programIds, accountId) =>
        profitsFrom(snapshot, firmCode, programIds, accountIdOf({ accountId })),
      check: (checks) => this.evaluate(checks, snapshot, reserved),
    };
  }

  /** In order: an approved entry counts as pending for the requests after it (platform states). */
  private evaluate(
    requests: RiskCheckRequest[],
    snapshot: RiskSnapshot,
    reserved: Reservations,
  ): RiskCheckResult[] {
    return requests.map((r) => {
      try {
        const input = this.evaluationInput(r, snapshot, reserved);
        const outcome = evaluateWithFit(input, r.eventType === 'entry' ? (r.sizeToFit ?? null) : null);
        const result = toFittedResult(r, outcome);
        if (result.status === 'APPROVED') {
          // what is reserved is what will be sent: the fitted quantity when the entry was sized down
          const quantity = outcome.fitted?.quantity ?? r.quantity;
          const order = { ...input.order, quantity };
          reserve(
            { ...r, quantity },
            input.accounts,
            (a) => worstCaseLoss(order, accountPointValue(input, a)),
            reserved,
          );
        }
        return result;
      } catch (error) {
        this.logger.error(`risk check of ${r.firmCode} failed: ${describe(error)}`);
        return engineError(r, error);
      }
    });
  }

  async accountProfits(
    firmCode: string,
    programIds: number[],
    accountId?: number | null,
  ): Promise<Map<number, number>> {
    const [profits] = await this.accountProfitsOfMany([{ firmCode, programIds, accountId }]);
    return profits;
  }

  /** Every request's programs in one catalogue call and their account states in one query. */
  override async accountProfitsOfMany(requests: ProfitRequest[]): Promise<Map<number, number>[]> {
    if (requests.length === 0) return [];
    const catalog = await this.catalog.findPrograms([...new Set(requests.flatMap((r) => r.programIds))]);
    const programs = [...catalog.values()].map(toProgramLimits);
    const perRequest = requests.map((r) => {
      const firm = r.firmCode.toUpperCase();
      const ids = new Set(r.programIds);
      const mine = programs.filter((p) => p.firmCode === firm && ids.has(p.programId));
      return mine.map((program) => ({
        program,
        key: { firmCode: firm, programId: program.programId, accountId: accountIdOf(r) },
      }));
    });
    const keys = new Map(perRequest.flat().map(({ key }) => [keyOf(key), key]));
    const stored = keys.size > 0 ? await this.stateRepo.findMany([...keys.values()]) : [];
    const balances = new Map(stored.map((s) => [keyOf(s), s.balance]));
    return perRequest.map(
      (mine) =>
        new Map(
          mine.map(({ program: p, key }) => [
            p.programId,
            (balances.get(keyOf(key)) ?? p.accountSize).minus(p.accountSize).toNumber(),
          ]),
        ),
    );
  }

  private evaluationInput(
    r: RiskCheckRequest,
    snapshot: RiskSnapshot,
    reserved: Reservations,
  ): RiskEvaluationInput {
    const firmCode = r.firmCode.toUpperCase();
    if (r.eventType === 'entry' && !snapshot.haltFirms.has(firmCode)) {
      throw new Error(`the halts of ${firmCode} were not read by this snapshot`);
    }
    const root = this.contracts.normalize(r.symbol);
    const rules = this.config.rulesFor(firmCode);
    return {
      order: toOrderIntent(r),
      firm: snapshot.firms.get(firmCode) ?? null,
      // `{FIRM}_ENABLED` switches the seed's firm-level (env:) routing; a trading account is switched by its own
      // `enabled`, which the account directory already applied: an API account needs no env variable
      rules: r.accountId != null && !rules.enabled ? { ...rules, enabled: true } : rules,
      halts: snapshot.halts,
      root,
      pointValue: this.pointValue(r.symbol),
      now: snapshot.now,
      accounts:
        r.eventType === 'entry'
          ? programAccounts(r, snapshot, reserved, (s) => this.pointValue(s)).map((a) =>
              this.valued(r, a, this.contracts.spec(r.symbol)?.micro ?? false),
            )
          : [],
      staleAfterMs: this.sync.staleAfterMs,
      flatBy: snapshot.flatBy.get(firmCode) ?? null,
      events: snapshot.events,
    };
  }

  /** The program's point value for the order's contract (as sizing values it) and, with a micro ratio, its micros. */
  private valued(r: RiskCheckRequest, a: ProgramAccount, orderMicro: boolean): ProgramAccount {
    const ratio = a.program.microRatio ?? null;
    // field by field, not spread: this runs for every program account of every check
    const account: ProgramAccount = {
      program: a.program,
      state: a.state,
      phase: a.phase,
      pointValue: this.valuation.pointValue(a.program.firmCode, a.program.programId, r.symbol),
      micros:
        ratio === null
          ? null
          : countInMicros(ratio, orderMicro, a.state, (s) => this.contracts.spec(s)?.micro === true),
    };
    if (a.pending !== undefined) account.pending = a.pending;
    if (a.pendingLoss !== undefined) account.pendingLoss = a.pendingLoss;
    return account;
  }

  private pointValue(symbol: string): Decimal | null {
    const root = this.contracts.normalize(symbol);
    const spec = root === null ? null : this.contracts.spec(root);
    return spec ? new Decimal(spec.pointValue) : null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
