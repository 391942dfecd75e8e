import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { AuditFilter, RegistryQueries } from '../../application/ports/registry-queries.port';
import type { AuditEntry, FirmSummary, Program, ScalingRule } from '../../domain/registry-records';
import { FirmEntity } from './firm.entity';
import { ProgramEntity } from './program.entity';
import { RegistryAuditEntity } from './registry-audit.entity';
import { numeric, RegistryMapper } from './registry.mapper';
import { ScalingRuleEntity } from './scaling-rule.entity';

interface SummaryRow {
  firm_id: number;
  program_count: number;
  min_account_size: string | null;
  max_account_size: string | null;
}

/** The seed's `list_firms_with_program_summary` and the other list queries, on TypeORM. */
@Injectable()
export class TypeOrmRegistryQueries extends RegistryQueries {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async firmSummaries(opts: { includeInactive: boolean }): Promise<FirmSummary[]> {
    const firms = await this.dataSource.getRepository(FirmEntity).find({
      where: opts.includeInactive ? {} : { status: 'active' },
      order: { id: 'ASC' },
    });
    return this.summarize(firms);
  }

  async firmSummary(id: number): Promise<FirmSummary | null> {
    const firm = await this.dataSource.getRepository(FirmEntity).findOneBy({ id });
    return firm ? (await this.summarize([firm]))[0] : null;
  }

  async programs(filter: { firmId?: number }): Promise<Program[]> {
    const rows = await this.dataSource.getRepository(ProgramEntity).find({
      where: filter.firmId === undefined ? {} : { firmId: filter.firmId },
      relations: { firm: true },
      order: { id: 'ASC' },
    });
    return rows.map((e) => RegistryMapper.program(e));
  }

  async program(id: number): Promise<Program | null> {
    const e = await this.dataSource
      .getRepository(ProgramEntity)
      .findOne({ where: { id }, relations: { firm: true } });
    return e ? RegistryMapper.program(e) : null;
  }

  async rules(filter: { programId?: number }): Promise<ScalingRule[]> {
    const rows = await this.dataSource.getRepository(ScalingRuleEntity).find({
      where: filter.programId === undefined ? {} : { programId: filter.programId },
      order: { id: 'ASC' },
    });
    return rows.map((e) => RegistryMapper.rule(e));
  }

  async rule(id: number): Promise<ScalingRule | null> {
    const e = await this.dataSource.getRepository(ScalingRuleEntity).findOneBy({ id });
    return e ? RegistryMapper.rule(e) : null;
  }

  async audit(filter: AuditFilter): Promise<{ total: number; items: AuditEntry[] }> {
    const where: FindOptionsWhere<RegistryAuditEntity> = {};
    if (filter.entity) where.entity = filter.entity;
    if (filter.entityId !== undefined) where.entityId = filter.entityId;
    const [rows, total] = await this.dataSource.getRepository(RegistryAuditEntity).findAndCount({
      where,
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { total, items: rows.map((e) => RegistryMapper.audit(e)) };
  }

  private async summarize(firms: FirmEntity[]): Promise<FirmSummary[]> {
    if (firms.length === 0) return [];
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT firm_id, COUNT(*)::int AS program_count, MIN(account_size) AS min_account_size,
              MAX(account_size) AS max_account_size
         FROM prop_programs WHERE firm_id = ANY($1) GROUP BY firm_id`,
      [firms.map((f) => f.id)],
    );
    const byFirm = new Map(rows.map((r) => [r.firm_id, r]));
    return firms.map((e) => {
      const s = byFirm.get(e.id);
      return {
        ...RegistryMapper.firm(e),
        program_count: s?.program_count ?? 0,
        min_account_size: numeric(s?.min_account_size ?? null),
        max_account_size: numeric(s?.max_account_size ?? null),
      };
    });
  }
}
