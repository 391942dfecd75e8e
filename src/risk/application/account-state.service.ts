import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AppError } from '../../platform/errors/app-error';
import { Clock } from '../../platform/time/clock';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { AccountPatch, applyPatch } from '../domain/account-patch';
import { AccountState, asManual, FIRM_LEVEL_ACCOUNT, freshAccount, rollTo } from '../domain/account-state';
import { applyFill } from '../domain/fill';
import type { ProgramLimits } from '../domain/program-limits';
import { TradingDayPolicy, tradingDayOf } from '../domain/trading-day';
import { AccountStatePage, AccountStateRepository } from './ports/account-state.repository.port';
import { toProgramLimits } from './program-limits.mapper';
import { TRADING_DAY_POLICY } from './trading-day-policy.token';

export interface FillInput {
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  symbol: string;
  filledAt: Date | null;
}

export interface RecordedFill {
  state: AccountState;
  realizedPnl: Decimal;
}

/** Reading and changing account states. Reads show the state rolled to the current trading day. */
@Injectable()
export class AccountStateService {
  constructor(
    private readonly repo: AccountStateRepository,
    private readonly catalog: ProgramCatalog,
    private readonly contracts: ContractCatalog,
    private readonly clock: Clock,
    @Inject(TRADING_DAY_POLICY) private readonly policy: TradingDayPolicy,
  ) {}

  async list(limit: number, offset: number): Promise<AccountStatePage> {
    const page = await this.repo.list(limit, offset);
    const today = this.today();
    return { total: page.total, items: page.items.map((s) => rollTo(s, today)) };
  }

  /**
   * A program without a stored state reads as a fresh account at the program's size. `accountId`: the
   * trading account's own state; FIRM_LEVEL_ACCOUNT (default) = the firm-level state of firm × program.
   */
  async get(firmCode: string, programId: number, accountId = FIRM_LEVEL_ACCOUNT): Promise<AccountState> {
    const program = await this.program(firmCode, programId);
    const stored = await this.repo.find({ firmCode: program.firmCode, programId, accountId });
    return rollTo(stored ?? this.fresh(program, accountId), this.today());
  }

  /** Applies the sent fields to today's view of the state; the rest keep their values. */
  async update(
    firmCode: string,
    programId: number,
    patch: AccountPatch,
    accountId = FIRM_LEVEL_ACCOUNT,
  ): Promise<AccountState> {
    const program = await this.program(firmCode, programId);
    const symbol = patch.positionSymbol;
    const root = typeof symbol === 'string' ? this.contracts.normalize(symbol) : symbol;
    if (typeof symbol === 'string' && root === null) {
      throw AppError.validation([`position_symbol: unknown contract "${symbol}"`]);
    }
    const today = this.today();
    const key = { firmCode: program.firmCode, programId, accountId };
    const { state } = await this.repo.update(key, this.fresh(program, accountId), (current) => ({
      state: applyPatch(rollTo(current, today), { ...patch, positionSymbol: root }, this.clock.now()),
    }));
    return state;
  }

  /**
   * Nets a fill into the (single) position; a fill from a later trading day first closes the stored day. The
   * state becomes manual: an operator's fill, not the platform's.
   */
  async recordFill(
    firmCode: string,
    programId: number,
    input: FillInput,
    accountId = FIRM_LEVEL_ACCOUNT,
  ): Promise<RecordedFill> {
    const program = await this.program(firmCode, programId);
    const root = this.contracts.normalize(input.symbol);
    const spec = root === null ? null : this.contracts.spec(root);
    if (root === null || spec === null) {
      throw AppError.validation([
        `symbol: unknown contract "${input.symbol}" (no point value to value the fill)`,
      ]);
    }
    const now = this.clock.now();
    const fillDay = tradingDayOf(input.filledAt ?? now, this.policy);
    const fill = {
      side: input.side,
      quantity: input.quantity,
      price: new Decimal(input.price),
      symbol: root,
      pointValue: new Decimal(spec.pointValue),
    };
    const key = { firmCode: program.firmCode, programId, accountId };
    return this.repo.update(key, this.fresh(program, accountId), (current) => {
      const other = current.positions.find((p) => this.contracts.normalize(p.symbol) !== root);
      const held = other?.symbol ?? (current.positionSymbol !== root ? current.positionSymbol : null);
      if (current.openContracts !== 0 && held !== null) {
        throw AppError.conflict(`The account holds ${held}; a ${root} fill cannot be netted into it`);
      }
      const out = applyFill(rollTo(current, fillDay), fill, now);
      return { ...out, state: asManual(out.state) };
    });
  }

  private async program(firmCode: string, programId: number): Promise<ProgramLimits> {
    const record = await this.catalog.findProgram(programId);
    const program = record ? toProgramLimits(record) : null;
    if (!program || program.firmCode !== firmCode.toUpperCase()) {
      throw AppError.notFound(`Program ${programId} of firm ${firmCode.toUpperCase()}`);
    }
    return program;
  }

  private fresh(program: ProgramLimits, accountId: number): AccountState {
    return freshAccount(program, this.today(), this.clock.now(), accountId);
  }

  private today(): string {
    return tradingDayOf(this.clock.now(), this.policy);
  }
}
