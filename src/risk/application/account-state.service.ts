import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AppError } from '../../platform/errors/app-error';
import { Clock } from '../../platform/time/clock';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { AccountPatch, applyPatch } from '../domain/account-patch';
import { AccountState, asManual, FIRM_LEVEL_ACCOUNT, freshAccount, rollTo } from '../domain/account-state';
import { applyFill, applyLateFill } from '../domain/fill';
import type { ProgramLimits } from '../domain/program-limits';
import { TradingDayPolicy, tradingDayOf } from '../domain/trading-day';
import { AccountStatePage, AccountStateRepository } from './ports/account-state.repository.port';
import { toProgramLimits } from './program-limits.mapper';
import { firmPolicy } from './firm-trading-day';
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

  /** Each state rolled to its firm's own trading day. */
  async list(limit: number, offset: number): Promise<AccountStatePage> {
    const page = await this.repo.list(limit, offset);
    const days = new Map<string, string>();
    for (const firm of new Set(page.items.map((s) => s.firmCode))) days.set(firm, await this.today(firm));
    return { total: page.total, items: page.items.map((s) => rollTo(s, days.get(s.firmCode) as string)) };
  }

  /**
   * A program without a stored state reads as a fresh account at the program's size. `accountId`: the
   * trading account's own state; FIRM_LEVEL_ACCOUNT (default) = the firm-level state of firm × program.
   */
  async get(firmCode: string, programId: number, accountId = FIRM_LEVEL_ACCOUNT): Promise<AccountState> {
    const program = await this.program(firmCode, programId);
    const stored = await this.repo.find({ firmCode: program.firmCode, programId, accountId });
    const today = await this.today(program.firmCode);
    return rollTo(stored ?? this.fresh(program, accountId, today), today);
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
    const today = await this.today(program.firmCode);
    const key = { firmCode: program.firmCode, programId, accountId };
    const { state } = await this.repo.update(key, this.fresh(program, accountId, today), (current) => ({
      state: applyPatch(rollTo(current, today), { ...patch, positionSymbol: root }, this.clock.now()),
    }));
    return state;
  }

  /**
   * Nets a fill into the (single) position; a fill from a later trading day first closes the stored day, one
   * dated on an earlier trading day (of the firm) moves the balance and that day's close, never today's P&L.
   * The state becomes manual: an operator's fill, not the platform's.
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
    const policy = await firmPolicy(this.catalog, program.firmCode, this.policy);
    const today = tradingDayOf(now, policy);
    const fillDay = tradingDayOf(input.filledAt ?? now, policy);
    const fill = {
      side: input.side,
      quantity: input.quantity,
      price: new Decimal(input.price),
      symbol: root,
      pointValue: new Decimal(spec.pointValue),
    };
    const key = { firmCode: program.firmCode, programId, accountId };
    return this.repo.update(key, this.fresh(program, accountId, today), (current) => {
      const other = current.positions.find((p) => this.contracts.normalize(p.symbol) !== root);
      const held = other?.symbol ?? (current.positionSymbol !== root ? current.positionSymbol : null);
      if (current.openContracts !== 0 && held !== null) {
        throw AppError.conflict(`The account holds ${held}; a ${root} fill cannot be netted into it`);
      }
      const rolled = rollTo(current, fillDay < today ? today : fillDay);
      const out =
        fillDay < rolled.tradingDay ? applyLateFill(rolled, fill, now) : applyFill(rolled, fill, now);
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

  private fresh(program: ProgramLimits, accountId: number, today: string): AccountState {
    return freshAccount(program, today, this.clock.now(), accountId);
  }

  /** The firm's own trading day now (its registry `trading_day`, else TRADING_DAY_ROLLOVER/TIMEZONE). */
  private async today(firmCode: string): Promise<string> {
    return tradingDayOf(this.clock.now(), await firmPolicy(this.catalog, firmCode, this.policy));
  }
}
