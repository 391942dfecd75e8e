import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import type { FirmSummary, Program, ScalingRule } from '../domain/registry-records';
import { AuditFilter, RegistryQueries } from './ports/registry-queries.port';

/** The seed's backward-compatible `/api/prop-firm/firms` item. */
export interface LegacyFirm {
  id: number;
  name: string;
  base_currency: string;
  max_drawdown: number;
  daily_loss_limit: number;
  profit_target: number;
  account_count: number;
}

/** Seed Stage 13: when the registry is unavailable the old endpoint answers with its original mock firms. */
export const LEGACY_MOCK_FIRMS: readonly LegacyFirm[] = [
  {
    id: 1,
    name: 'FTMO',
    base_currency: 'USD',
    max_drawdown: 20000,
    daily_loss_limit: 10000,
    profit_target: 20000,
    account_count: 0,
  },
  {
    id: 2,
    name: 'Apex Trader Funding',
    base_currency: 'USD',
    max_drawdown: 20000,
    daily_loss_limit: 10000,
    profit_target: 20000,
    account_count: 0,
  },
];

@Injectable()
export class RegistryReadService {
  private readonly logger = new Logger(RegistryReadService.name);

  constructor(private readonly queries: RegistryQueries) {}

  firms(includeInactive: boolean): Promise<FirmSummary[]> {
    return this.queries.firmSummaries({ includeInactive });
  }

  async firm(id: number): Promise<FirmSummary> {
    return found(await this.queries.firmSummary(id), 'Firm', id);
  }

  programs(firmId?: number): Promise<Program[]> {
    return this.queries.programs({ firmId });
  }

  async program(id: number): Promise<Program> {
    return found(await this.queries.program(id), 'Program', id);
  }

  rules(programId?: number): Promise<ScalingRule[]> {
    return this.queries.rules({ programId });
  }

  async rule(id: number): Promise<ScalingRule> {
    return found(await this.queries.rule(id), 'Scaling rule', id);
  }

  audit(filter: AuditFilter) {
    return this.queries.audit(filter);
  }

  /** Largest limits across the firm's programs, as the seed's FTMO example shows (200k: 20,000 / 10,000). */
  async legacyFirms(): Promise<{ firms: LegacyFirm[]; fallback: boolean }> {
    try {
      const [firms, programs] = await Promise.all([
        this.queries.firmSummaries({ includeInactive: false }),
        this.queries.programs({}),
      ]);
      const max = (xs: (number | null)[]) => xs.reduce<number>((m, x) => (x !== null && x > m ? x : m), 0);
      const legacy = firms.map((f) => {
        const own = programs.filter((p) => p.firm_id === f.id);
        return {
          id: f.id,
          name: f.name,
          base_currency: own[0]?.currency ?? 'USD',
          max_drawdown: max(own.map((p) => p.max_total_loss)),
          daily_loss_limit: max(own.map((p) => p.max_daily_loss)),
          profit_target: max(own.map((p) => p.profit_target)),
          account_count: own.length,
        };
      });
      return { firms: legacy, fallback: false };
    } catch (err) {
      this.logger.warn(
        `Registry unavailable, serving the legacy mock firms: ${err instanceof Error ? err.message : String(err)}`,
      );
      return { firms: LEGACY_MOCK_FIRMS.map((f) => ({ ...f })), fallback: true };
    }
  }
}

function found<T>(record: T | null, what: string, id: number): T {
  if (!record) throw AppError.notFound(`${what} ${id}`);
  return record;
}
