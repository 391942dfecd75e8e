import type {
  AuditEntryInput,
  Firm,
  FirmFields,
  Program,
  ProgramFields,
  ScalingRule,
  ScalingRuleFields,
} from '../../domain/registry-records';

/** Registry persistence inside one transaction. Lookups return null for unknown ids; writes return the stored record. */
export interface RegistryTx {
  firmById(id: number): Promise<Firm | null>;
  firmByCode(code: string): Promise<Firm | null>;
  insertFirm(fields: FirmFields): Promise<Firm>;
  updateFirm(id: number, fields: FirmFields): Promise<Firm>;
  deleteFirm(id: number): Promise<void>;
  markFirmsSynced(ids: number[], at: Date): Promise<void>;

  programById(id: number): Promise<Program | null>;
  /** By natural key: firm, name and account size. */
  programByKey(firmId: number, name: string, accountSize: number): Promise<Program | null>;
  programsOfFirm(firmId: number): Promise<Program[]>;
  insertProgram(fields: ProgramFields): Promise<Program>;
  updateProgram(id: number, fields: ProgramFields): Promise<Program>;
  deleteProgram(id: number): Promise<void>;
  /** Deletes the program unless trading accounts use it (then nothing changes and the transaction goes on): whether it was deleted. */
  deleteProgramIfUnused(id: number): Promise<boolean>;

  ruleById(id: number): Promise<ScalingRule | null>;
  rulesOf(filter: { firmId?: number; programId?: number }): Promise<ScalingRule[]>;
  insertRule(fields: ScalingRuleFields): Promise<ScalingRule>;
  updateRule(id: number, fields: ScalingRuleFields): Promise<ScalingRule>;
  deleteRule(id: number): Promise<void>;

  audit(entry: AuditEntryInput): Promise<void>;
  seedApplied(version: string): Promise<boolean>;
  recordSeed(version: string): Promise<void>;
}

export abstract class RegistryStore {
  /**
   * Runs `work` in one transaction holding the registry write lock, so registry writers (admin API, imports,
   * syncs, the start-up seed) never interleave, even across processes. `rollback: true` undoes it all at the end.
   */
  abstract transaction<T>(work: (tx: RegistryTx) => Promise<T>, opts?: { rollback?: boolean }): Promise<T>;
}
