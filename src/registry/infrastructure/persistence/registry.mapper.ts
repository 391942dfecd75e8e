import Decimal from 'decimal.js';
import type {
  AuditEntry,
  Firm,
  FirmFields,
  FirmStatus,
  JsonObject,
  Program,
  ProgramFields,
  ScalingRule,
  ScalingRuleFields,
} from '../../domain/registry-records';
import { FirmEntity } from './firm.entity';
import { ProgramEntity } from './program.entity';
import { RegistryAuditEntity } from './registry-audit.entity';
import { ScalingRuleEntity } from './scaling-rule.entity';

export const REGISTRY_ENTITIES = [FirmEntity, ProgramEntity, ScalingRuleEntity, RegistryAuditEntity];

/** NUMERIC comes back from pg as a string: converted here, once. */
export function numeric(v: string | null): number | null {
  return v === null ? null : Number(v);
}

function toNumeric(v: number | null): string | null {
  return v === null ? null : new Decimal(v).toFixed();
}

/** Entities ↔ registry records. */
export class RegistryMapper {
  static firm(e: FirmEntity): Firm {
    return {
      id: e.id,
      code: e.code,
      name: e.name,
      website_url: e.websiteUrl,
      status: (e.status === 'active' ? 'active' : 'inactive') as FirmStatus,
      schema_version: e.schemaVersion ?? 1,
      meta: (e.meta ?? {}) as JsonObject,
      last_synced_at: e.lastSyncedAt,
    };
  }

  /** Needs the `firm` relation loaded. */
  static program(e: ProgramEntity): Program {
    return {
      id: e.id,
      firm_id: e.firmId,
      firm_code: e.firm?.code ?? '',
      firm_name: e.firm?.name ?? '',
      name: e.name,
      account_size: Number(e.accountSize),
      currency: e.currency ?? 'USD',
      max_daily_loss: numeric(e.maxDailyLoss),
      max_total_loss: numeric(e.maxTotalLoss),
      profit_target: numeric(e.profitTarget),
      min_trading_days: e.minTradingDays,
      max_trading_days: e.maxTradingDays,
      payout_split: numeric(e.payoutSplit),
      scaling_plan: e.scalingPlan,
      schema_version: e.schemaVersion ?? 1,
      meta: (e.meta ?? {}) as JsonObject,
    };
  }

  static rule(e: ScalingRuleEntity): ScalingRule {
    return {
      id: e.id,
      firm_id: e.firmId,
      program_id: e.programId,
      step_number: e.stepNumber,
      scale_factor: Number(e.scaleFactor),
      profit_target_multiple: numeric(e.profitTargetMultiple),
      min_days_between_scales: e.minDaysBetweenScales,
      max_equity_drawdown: numeric(e.maxEquityDrawdown),
      meta: (e.meta ?? {}) as JsonObject,
    };
  }

  static audit(e: RegistryAuditEntity): AuditEntry {
    return {
      id: e.id,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before as JsonObject | null,
      after: e.after as JsonObject | null,
      created_at: e.createdAt,
    };
  }

  static firmColumns(f: FirmFields): Partial<FirmEntity> {
    return {
      code: f.code,
      name: f.name,
      websiteUrl: f.website_url,
      status: f.status,
      schemaVersion: f.schema_version,
      meta: f.meta,
    };
  }

  static programColumns(p: ProgramFields): Partial<ProgramEntity> {
    return {
      firmId: p.firm_id,
      name: p.name,
      accountSize: new Decimal(p.account_size).toFixed(),
      currency: p.currency,
      maxDailyLoss: toNumeric(p.max_daily_loss),
      maxTotalLoss: toNumeric(p.max_total_loss),
      profitTarget: toNumeric(p.profit_target),
      minTradingDays: p.min_trading_days,
      maxTradingDays: p.max_trading_days,
      payoutSplit: toNumeric(p.payout_split),
      scalingPlan: p.scaling_plan,
      schemaVersion: p.schema_version,
      meta: p.meta,
    };
  }

  static ruleColumns(r: ScalingRuleFields): Partial<ScalingRuleEntity> {
    return {
      firmId: r.firm_id,
      programId: r.program_id,
      stepNumber: r.step_number,
      scaleFactor: new Decimal(r.scale_factor).toFixed(),
      profitTargetMultiple: toNumeric(r.profit_target_multiple),
      minDaysBetweenScales: r.min_days_between_scales,
      maxEquityDrawdown: toNumeric(r.max_equity_drawdown),
      meta: r.meta,
    };
  }
}
