import { Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { freshAccount, rollTo } from '../domain/account-state';
import { evaluateOrder, ProgramAccount, RiskEvaluationInput } from '../domain/risk-evaluation';
import type { ProgramLimits } from '../domain/program-limits';
import { FirmRiskConfigReader } from './firm-risk-config.reader';
import { AccountStateRepository, keyOf } from './ports/account-state.repository.port';
import {
  ProfitRequest,
  RiskCheckRequest,
  RiskCheckResult,
  RiskGate,
  RiskReading,
} from './ports/risk-gate.port';
import { toProgramLimits } from './program-limits.mapper';
import { accountIdOf, accountKey, RiskSnapshot, RiskSnapshotLoader } from './risk-snapshot.loader';
import { engineError, toOrderIntent, toResult } from './risk-check.mapping';

/** The pre-trade gate: one result per request, in order; failures become RISK_ENGINE_ERROR rejections. */
@Injectable()
export class RiskGateService extends RiskGate {
  private readonly logger = new Logger('RiskGate');

  constructor(
    private readonly loader: RiskSnapshotLoader,
    private readonly config: FirmRiskConfigReader,
    private readonly contracts: ContractCatalog,
    private readonly catalog: ProgramCatalog,
    private readonly stateRepo: AccountStateRepository,
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
    return this.evaluate(requests, snapshot);
  }

  /** The halts, programs and account states of these requests in one load; profits and checks from it. */
  override async snapshot(requests: RiskCheckRequest[]): Promise<RiskReading> {
    const snapshot = await this.loader.load(requests);
    return {
      accountProfits: (firmCode, programIds, accountId) =>
        profitsFrom(snapshot, firmCode, programIds, accountIdOf({ accountId })),
      check: (checks) => this.evaluate(checks, snapshot),
    };
  }

  private evaluate(requests: RiskCheckRequest[], snapshot: RiskSnapshot): RiskCheckResult[] {
    return requests.map((r) => {
      try {
        return toResult(r, evaluateOrder(this.evaluationInput(r, snapshot)));
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

  private evaluationInput(r: RiskCheckRequest, snapshot: RiskSnapshot): RiskEvaluationInput {
    const firmCode = r.firmCode.toUpperCase();
    if (r.eventType === 'entry' && !snapshot.haltFirms.has(firmCode)) {
      throw new Error(`the halts of ${firmCode} were not read by this snapshot`);
    }
    const root = this.contracts.normalize(r.symbol);
    const spec = root === null ? null : this.contracts.spec(root);
    const rules = this.config.rulesFor(firmCode);
    return {
      order: toOrderIntent(r),
      firm: snapshot.firms.get(firmCode) ?? null,
      // `{FIRM}_ENABLED` switches the seed's firm-level (env:) routing; a trading account is switched by its own
      // `enabled`, which the account directory already applied: an API account needs no env variable
      rules: r.accountId != null && !rules.enabled ? { ...rules, enabled: true } : rules,
      halts: snapshot.halts,
      root,
      pointValue: spec ? new Decimal(spec.pointValue) : null,
      now: snapshot.now,
      accounts: r.eventType === 'entry' ? this.accounts(r, snapshot) : [],
    };
  }

  /**
   * The request's programs of this firm (others are another firm's business), with the states of the
   * request's trading account (the firm-level ones without an account); fresh when none is stored.
   */
  private accounts(r: RiskCheckRequest, snapshot: RiskSnapshot): ProgramAccount[] {
    const firmCode = r.firmCode.toUpperCase();
    const accountId = accountIdOf(r);
    return [...new Set(r.programIds)]
      .map((id) => snapshot.programs.get(id))
      .filter((p): p is ProgramLimits => p !== undefined && p.firmCode === firmCode)
      .map((program) => {
        const key = accountKey(firmCode, program.programId, accountId);
        // a reading checked for an account it never read must not take it for a fresh one: fail closed
        if (!snapshot.readKeys.has(key)) throw new Error(`the state of ${key} was not read by this snapshot`);
        const stored = snapshot.states.get(key);
        const state = stored ?? freshAccount(program, snapshot.tradingDay, snapshot.now, accountId);
        return { program, state: rollTo(state, snapshot.tradingDay) };
      });
  }
}

/**
 * Balance − account size per program of this firm whose state the snapshot read (an entry's programs, for its
 * account); as accountProfits. A program or account the snapshot did not read is absent.
 */
function profitsFrom(
  snapshot: RiskSnapshot,
  firmCode: string,
  programIds: number[],
  accountId: number,
): Map<number, number> {
  const firm = firmCode.toUpperCase();
  const profits = new Map<number, number>();
  for (const id of new Set(programIds)) {
    const p = snapshot.programs.get(id);
    const key = accountKey(firm, id, accountId);
    if (!p || p.firmCode !== firm || !snapshot.readKeys.has(key)) continue; // unknown here: absent
    const balance = snapshot.states.get(key)?.balance ?? p.accountSize;
    profits.set(id, balance.minus(p.accountSize).toNumber());
  }
  return profits;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
