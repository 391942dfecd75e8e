import { Injectable, Logger } from '@nestjs/common';
import { ProgramCatalog, ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import { modeQuantity, withAccountCap } from '../domain/account-sizing';
import { computeContractSize, OwnerCheckInput, sizeForOtherFirm } from '../domain/compute-contract-size';
import { resolvePointValue } from '../domain/point-value';
import { SizingInput } from '../domain/sizing-input';
import { profitBreaks, resolveLimits } from '../domain/sizing-limits';
import { SizingRule } from '../domain/sizing-rules';
import { ContractCatalog } from './ports/contract-catalog.port';
import { PositionSizer, SizingRequest, SizingResult } from './ports/position-sizer.port';
import { SizingRuleSource } from './ports/sizing-rule-source.port';

/**
 * Seed 13E `_run_program_sizing_for_task`: gathers each firm × program's inputs (registry program,
 * env rules, contract spec) and runs the sizing rule. Programs are read in one catalogue call per
 * batch; an unknown program sizes with no account size; any failure is a SIZING_ERROR rejection.
 */
@Injectable()
export class ProgramSizingService extends PositionSizer {
  private readonly logger = new Logger(ProgramSizingService.name);

  constructor(
    private readonly programs: ProgramCatalog,
    private readonly rules: SizingRuleSource,
    private readonly contracts: ContractCatalog,
  ) {
    super();
  }

  async size(requests: SizingRequest[]): Promise<SizingResult[]> {
    if (requests.length === 0) return [];
    let programs: Map<number, ProgramRecord>;
    try {
      programs = await this.programs.findPrograms([...new Set(requests.map((r) => r.programId))]);
    } catch (err) {
      this.logger.error(
        `Program catalogue unavailable, rejecting ${requests.length} sizing request(s): ${message(err)}`,
      );
      return requests.map((r) => sizingError(r, 'the program catalogue is unavailable'));
    }
    return requests.map((r) => this.sizeOne(r, programs.get(r.programId) ?? null));
  }

  async profitBreaks(programs: { firmCode: string; programId: number }[]): Promise<number[][]> {
    if (programs.length === 0) return [];
    const found = await this.programs.findPrograms([...new Set(programs.map((p) => p.programId))]);
    return programs.map((p) =>
      profitBreaks(this.rules.forProgram(p.firmCode, p.programId), found.get(p.programId) ?? null),
    );
  }

  private sizeOne(request: SizingRequest, program: ProgramRecord | null): SizingResult {
    try {
      const mode = request.account ? modeQuantity(request.account, request.quantity) : null;
      if (mode && !mode.ok) return modeRejection(request, mode.rule, mode.reason);
      // another firm's program: answered before its limits and point value are gathered
      const other =
        program && sizeForOtherFirm(ownerCheck(request, program, mode ? mode.quantity : request.quantity));
      if (other) return other;
      return computeContractSize(
        this.inputFor(mode ? { ...request, quantity: mode.quantity } : request, program),
      );
    } catch (err) {
      this.logger.error(`Sizing ${request.firmCode} program ${request.programId} failed: ${message(err)}`);
      return sizingError(request, 'an internal error occurred');
    }
  }

  private inputFor(request: SizingRequest, program: ProgramRecord | null): SizingInput {
    const env = this.rules.forProgram(request.firmCode, request.programId);
    return {
      firmCode: request.firmCode,
      programId: request.programId,
      symbol: request.symbol,
      accountSize: program?.accountSize ?? null,
      programFirmCode: program?.firmCode ?? null,
      entryPrice: request.entryPrice,
      stopLoss: request.stopLoss,
      riskPercent: request.riskPercent,
      quantity: request.quantity,
      accountProfit: request.accountProfit,
      pointValue: resolvePointValue(request.symbol, this.contracts.spec(request.symbol), env.pointValue),
      limits: withAccountCap(
        resolveLimits(env, program, this.rules.globalMaxRiskPercent(), request.accountProfit),
        request.account?.maxContracts ?? null,
      ),
    };
  }
}

/** What sizeForOtherFirm reads, built field by field (a spread of the request costs more than the check). */
function ownerCheck(
  request: SizingRequest,
  program: ProgramRecord,
  quantity: number | null,
): OwnerCheckInput {
  return {
    firmCode: request.firmCode,
    programId: request.programId,
    programFirmCode: program.firmCode,
    symbol: request.symbol,
    accountSize: program.accountSize,
    entryPrice: request.entryPrice,
    stopLoss: request.stopLoss,
    riskPercent: request.riskPercent,
    quantity,
  };
}

function modeRejection(request: SizingRequest, rule: string, reason: string): SizingResult {
  return {
    firm_code: request.firmCode,
    program_id: request.programId,
    status: 'REJECTED',
    rule,
    reason,
    computed_quantity: null,
    details: { sizing_mode: request.account?.mode ?? null, user_quantity: request.quantity },
  };
}

function sizingError(request: SizingRequest, what: string): SizingResult {
  return {
    firm_code: request.firmCode,
    program_id: request.programId,
    status: 'REJECTED',
    rule: SizingRule.SIZING_ERROR,
    reason: `Sizing could not run because ${what}; no order is sized for ${request.firmCode} program ${request.programId}`,
    computed_quantity: null,
    details: {},
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
