import type {
  AuditEntity,
  AuditEntry,
  FirmSummary,
  Program,
  ScalingRule,
} from '../../domain/registry-records';

export interface AuditFilter {
  entity?: AuditEntity;
  entityId?: number;
  limit: number;
  offset: number;
}

/** The registry's read model for its own API (the other contexts read through ProgramCatalog). */
export abstract class RegistryQueries {
  /** Active firms only unless `includeInactive`; each with the seed's program summary. Ordered by id. */
  abstract firmSummaries(opts: { includeInactive: boolean }): Promise<FirmSummary[]>;
  abstract firmSummary(id: number): Promise<FirmSummary | null>;
  abstract programs(filter: { firmId?: number }): Promise<Program[]>;
  abstract program(id: number): Promise<Program | null>;
  abstract rules(filter: { programId?: number }): Promise<ScalingRule[]>;
  abstract rule(id: number): Promise<ScalingRule | null>;
  abstract audit(filter: AuditFilter): Promise<{ total: number; items: AuditEntry[] }>;
}
