import { AppError } from '../../../platform/errors/app-error';
import Decimal from 'decimal.js';
import { EntityManager, In } from 'typeorm';
import type { RegistryTx } from '../../application/ports/registry-store.port';
import type {
  AuditEntryInput,
  Firm,
  FirmFields,
  Program,
  ProgramFields,
  ScalingRule,
  ScalingRuleFields,
} from '../../domain/registry-records';
import { FirmEntity } from './firm.entity';
import { ProgramEntity } from './program.entity';
import { RegistryAuditEntity } from './registry-audit.entity';
import { RegistryMapper } from './registry.mapper';
import { ScalingRuleEntity } from './scaling-rule.entity';

/** RegistryTx on one TypeORM transaction's EntityManager. */
export class TypeOrmRegistryTx implements RegistryTx {
  constructor(private readonly m: EntityManager) {}

  private get firms() {
    return this.m.getRepository(FirmEntity);
  }
  private get programs() {
    return this.m.getRepository(ProgramEntity);
  }
  private get rules() {
    return this.m.getRepository(ScalingRuleEntity);
  }

  async firmById(id: number): Promise<Firm | null> {
    const e = await this.firms.findOneBy({ id });
    return e ? RegistryMapper.firm(e) : null;
  }

  async firmByCode(code: string): Promise<Firm | null> {
    const e = await this.firms.findOneBy({ code });
    return e ? RegistryMapper.firm(e) : null;
  }

  async insertFirm(fields: FirmFields): Promise<Firm> {
    const r = await this.firms.insert(RegistryMapper.firmColumns(fields));
    return (await this.firmById(r.identifiers[0].id as number)) as Firm;
  }

  async updateFirm(id: number, fields: FirmFields): Promise<Firm> {
    await this.firms.update(id, RegistryMapper.firmColumns(fields));
    return (await this.firmById(id)) as Firm;
  }

  async deleteFirm(id: number): Promise<void> {
    await inUseRefused(this.firms.delete(id), `Firm ${id} has programs that trading accounts use`);
  }

  async markFirmsSynced(ids: number[], at: Date): Promise<void> {
    if (ids.length) await this.firms.update({ id: In(ids) }, { lastSyncedAt: at });
  }

  async programById(id: number): Promise<Program | null> {
    const e = await this.programs.findOne({ where: { id }, relations: { firm: true } });
    return e ? RegistryMapper.program(e) : null;
  }

  async programByKey(firmId: number, name: string, accountSize: number): Promise<Program | null> {
    const e = await this.programs.findOne({
      where: { firmId, name, accountSize: new Decimal(accountSize).toFixed() },
      relations: { firm: true },
    });
    return e ? RegistryMapper.program(e) : null;
  }

  async programsOfFirm(firmId: number): Promise<Program[]> {
    const rows = await this.programs.find({
      where: { firmId },
      relations: { firm: true },
      order: { id: 'ASC' },
    });
    return rows.map((e) => RegistryMapper.program(e));
  }

  async insertProgram(fields: ProgramFields): Promise<Program> {
    const r = await this.programs.insert(RegistryMapper.programColumns(fields));
    return (await this.programById(r.identifiers[0].id as number)) as Program;
  }

  async updateProgram(id: number, fields: ProgramFields): Promise<Program> {
    await this.programs.update(id, RegistryMapper.programColumns(fields));
    return (await this.programById(id)) as Program;
  }

  async deleteProgram(id: number): Promise<void> {
    await inUseRefused(this.programs.delete(id), `Program ${id} is the program of trading accounts`);
  }

  async deleteProgramIfUnused(id: number): Promise<boolean> {
    // a refused delete would abort the whole transaction: it is undone to a savepoint instead
    await this.m.query('SAVEPOINT retire_program');
    try {
      await this.programs.delete(id);
      await this.m.query('RELEASE SAVEPOINT retire_program');
      return true;
    } catch (err) {
      await this.m.query('ROLLBACK TO SAVEPOINT retire_program');
      if ((err as { driverError?: { code?: string } }).driverError?.code !== '23503') throw err;
      return false;
    }
  }

  async ruleById(id: number): Promise<ScalingRule | null> {
    const e = await this.rules.findOneBy({ id });
    return e ? RegistryMapper.rule(e) : null;
  }

  async rulesOf(filter: { firmId?: number; programId?: number }): Promise<ScalingRule[]> {
    const where: { firmId?: number; programId?: number } = {};
    if (filter.firmId !== undefined) where.firmId = filter.firmId;
    if (filter.programId !== undefined) where.programId = filter.programId;
    const rows = await this.rules.find({ where, order: { stepNumber: 'ASC', id: 'ASC' } });
    return rows.map((e) => RegistryMapper.rule(e));
  }

  async insertRule(fields: ScalingRuleFields): Promise<ScalingRule> {
    const r = await this.rules.insert(RegistryMapper.ruleColumns(fields));
    return (await this.ruleById(r.identifiers[0].id as number)) as ScalingRule;
  }

  async updateRule(id: number, fields: ScalingRuleFields): Promise<ScalingRule> {
    await this.rules.update(id, RegistryMapper.ruleColumns(fields));
    return (await this.ruleById(id)) as ScalingRule;
  }

  async deleteRule(id: number): Promise<void> {
    await this.rules.delete(id);
  }

  async audit(entry: AuditEntryInput): Promise<void> {
    await this.m.getRepository(RegistryAuditEntity).insert({
      actor: entry.actor.slice(0, 100),
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entity_id,
      before: entry.before,
      after: entry.after,
    });
  }

  async seedApplied(version: string): Promise<boolean> {
    const rows: unknown[] = await this.m.query('SELECT 1 FROM registry_seed_log WHERE version = $1', [
      version,
    ]);
    return rows.length > 0;
  }

  async recordSeed(version: string): Promise<void> {
    await this.m.query('INSERT INTO registry_seed_log (version) VALUES ($1) ON CONFLICT DO NOTHING', [
      version,
    ]);
  }
}

/** A delete refused by a reference (trading accounts' programs): a 409 saying what to do instead. */
async function inUseRefused(deleting: Promise<unknown>, what: string): Promise<void> {
  try {
    await deleting;
  } catch (err) {
    if ((err as { driverError?: { code?: string } }).driverError?.code !== '23503') throw err;
    throw AppError.conflict(`${what}: move those accounts to another program (or delete them) first`);
  }
}
