import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  FirmRecord,
  ProgramCatalog,
  ProgramRecord,
  ProgramRuleSet,
} from '../../application/ports/program-catalog.port';
import { parseFirmFlatBy } from '../../domain/firm-flat-by';
import { parseFirmTradingDay } from '../../domain/firm-trading-day';
import { readProgramLimits } from '../../domain/program-limits';
import { parseProgramRules, ProgramRules } from '../../domain/program-rules';
import type { Program } from '../../domain/registry-records';
import { registryConfig, type RegistryConfig } from '../config/registry.config';
import { FirmEntity } from '../persistence/firm.entity';
import { ProgramEntity } from '../persistence/program.entity';
import { RegistryMapper } from '../persistence/registry.mapper';
import { TtlSnapshot } from './ttl-snapshot';

/**
 * The registry's read port for the router's hot path. Firms and programs are each one query, kept in memory
 * for at most REGISTRY_CACHE_TTL_MS (≤ 2 s); this process's own registry writes clear them at once.
 */
@Injectable()
export class CachedProgramCatalog extends ProgramCatalog {
  private readonly firms: TtlSnapshot<FirmRecord[]>;
  private readonly programs: TtlSnapshot<Map<number, ProgramRecord>>;

  constructor(dataSource: DataSource, @Inject(registryConfig.KEY) config: RegistryConfig) {
    super();
    const ttl = config.REGISTRY_CACHE_TTL_MS;
    this.firms = new TtlSnapshot(ttl, async () => {
      const rows = await dataSource.getRepository(FirmEntity).find({ order: { id: 'ASC' } });
      return rows.map(toFirmRecord);
    });
    this.programs = new TtlSnapshot(ttl, async () => {
      const rows = await dataSource
        .getRepository(ProgramEntity)
        .find({ relations: { firm: true }, order: { id: 'ASC' } });
      return new Map(rows.map((e) => [e.id, toProgramRecord(RegistryMapper.program(e))]));
    });
  }

  invalidate(): void {
    this.firms.invalidate();
    this.programs.invalidate();
  }

  async findFirmByCode(code: string): Promise<FirmRecord | null> {
    const wanted = code.trim().toUpperCase();
    return (await this.firms.get()).find((f) => f.code === wanted) ?? null;
  }

  async listActiveFirms(): Promise<FirmRecord[]> {
    return (await this.firms.get()).filter((f) => f.status === 'active');
  }

  async findProgram(id: number): Promise<ProgramRecord | null> {
    return (await this.programs.get()).get(id) ?? null;
  }

  async findPrograms(ids: number[]): Promise<Map<number, ProgramRecord>> {
    const all = await this.programs.get();
    const found = new Map<number, ProgramRecord>();
    for (const id of ids) {
      const p = all.get(id);
      if (p) found.set(id, p);
    }
    return found;
  }

  async listPrograms(): Promise<ProgramRecord[]> {
    return [...(await this.programs.get()).values()];
  }
}

function toFirmRecord(e: FirmEntity): FirmRecord {
  const f = RegistryMapper.firm(e);
  const { tradingDay } = parseFirmTradingDay(f.meta.trading_day);
  const { flatBy } = parseFirmFlatBy(f.meta.flat_by);
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    status: f.status,
    tradingDay: tradingDay && { reset: tradingDay.reset, timeZone: tradingDay.time_zone },
    flatBy: flatBy && { time: flatBy.time, timeZone: flatBy.time_zone, earlyClose: flatBy.early_close },
    meta: f.meta,
  };
}

export function toProgramRecord(p: Program): ProgramRecord {
  const limits = readProgramLimits(p.meta);
  return {
    id: p.id,
    firmId: p.firm_id,
    firmCode: p.firm_code,
    name: p.name,
    accountSize: p.account_size,
    currency: p.currency,
    maxDailyLoss: p.max_daily_loss,
    maxTotalLoss: p.max_total_loss,
    profitTarget: p.profit_target,
    minTradingDays: p.min_trading_days,
    drawdownType: limits.drawdownType,
    maxContracts: limits.maxContracts,
    maxRiskPercent: limits.maxRiskPercent,
    scalingLadder: limits.scalingLadder,
    rules: toRuleSet(parseProgramRules(p.meta.rules).rules),
    meta: p.meta,
  };
}

/** Tolerant, as the limits: rules that do not validate (written before they were checked) read as absent. */
function toRuleSet(r: ProgramRules): ProgramRuleSet {
  return {
    drawdown: r.drawdown && {
      kind: r.drawdown.kind,
      amount: r.drawdown.amount,
      lock: { ...r.drawdown.lock },
    },
    dailyLoss: r.daily_loss && {
      basis: r.daily_loss.basis,
      amount: r.daily_loss.amount,
      fraction: r.daily_loss.fraction,
      enforcement: r.daily_loss.enforcement,
    },
    perTradeLoss: r.per_trade_loss && {
      basis: r.per_trade_loss.basis,
      amount: r.per_trade_loss.amount,
      fraction: r.per_trade_loss.fraction,
    },
    microRatio: r.contracts?.micro_ratio ?? null,
    consistency: r.consistency && {
      appliesTo: [...r.consistency.applies_to],
      maxDayFraction: r.consistency.max_day_fraction,
      basis: r.consistency.basis,
      action: r.consistency.action,
    },
    news: r.news && {
      appliesTo: [...r.news.applies_to],
      minutesBefore: r.news.minutes_before,
      minutesAfter: r.news.minutes_after,
      impact: r.news.impact,
      currencies: r.news.currencies,
    },
    scaling: r.contracts?.scaling?.map((t) => ({ ...t })) ?? null,
  };
}
