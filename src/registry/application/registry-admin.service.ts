import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import type {
  Draft,
  Firm,
  FirmFields,
  Program,
  ProgramFields,
  ScalingRule,
  ScalingRuleFields,
} from '../domain/registry-records';
import { RegistryStore, RegistryTx } from './ports/registry-store.port';
import { RegistryWriter, WriteOutcome } from './registry-writer';

/** Admin create / update / delete of firms, programs and scaling rules: validated, audited, one transaction each. */
@Injectable()
export class RegistryAdminService {
  constructor(private readonly store: RegistryStore) {}

  createFirm(draft: Draft<FirmFields>, actor: string): Promise<Firm> {
    return this.write(actor, (w) => w.saveFirm(null, draft));
  }

  updateFirm(id: number, draft: Draft<FirmFields>, actor: string): Promise<Firm> {
    return this.write(actor, async (w, tx) => w.saveFirm(await found(tx.firmById(id), 'Firm', id), draft));
  }

  deleteFirm(id: number, actor: string): Promise<Firm> {
    return this.store.transaction(async (tx) => {
      const firm = await found(tx.firmById(id), 'Firm', id);
      await this.writer(tx, actor).deleteFirm(firm);
      return firm;
    });
  }

  createProgram(draft: Draft<ProgramFields>, actor: string): Promise<Program> {
    return this.write(actor, (w) => w.saveProgram(null, draft));
  }

  updateProgram(id: number, draft: Draft<ProgramFields>, actor: string): Promise<Program> {
    return this.write(actor, async (w, tx) =>
      w.saveProgram(await found(tx.programById(id), 'Program', id), draft),
    );
  }

  deleteProgram(id: number, actor: string): Promise<Program> {
    return this.store.transaction(async (tx) => {
      const program = await found(tx.programById(id), 'Program', id);
      await this.writer(tx, actor).deleteProgram(program);
      return program;
    });
  }

  createRule(draft: Draft<ScalingRuleFields>, actor: string): Promise<ScalingRule> {
    return this.write(actor, (w) => w.saveRule(null, draft));
  }

  updateRule(id: number, draft: Draft<ScalingRuleFields>, actor: string): Promise<ScalingRule> {
    return this.write(actor, async (w, tx) =>
      w.saveRule(await found(tx.ruleById(id), 'Scaling rule', id), draft),
    );
  }

  deleteRule(id: number, actor: string): Promise<ScalingRule> {
    return this.store.transaction(async (tx) => {
      const rule = await found(tx.ruleById(id), 'Scaling rule', id);
      await this.writer(tx, actor).deleteRule(rule);
      return rule;
    });
  }

  private writer(tx: RegistryTx, actor: string): RegistryWriter {
    return new RegistryWriter(tx, { actor, meta: 'replace' });
  }

  /** A failed outcome throws inside the transaction, so nothing of it is kept. */
  private write<T>(
    actor: string,
    work: (w: RegistryWriter, tx: RegistryTx) => Promise<WriteOutcome<T>>,
  ): Promise<T> {
    return this.store.transaction(async (tx) => {
      const outcome = await work(this.writer(tx, actor), tx);
      if (outcome.ok) return outcome.record;
      if (outcome.failure === 'conflict')
        throw new AppError('CONFLICT', outcome.problems[0], outcome.problems);
      throw AppError.validation(outcome.problems);
    });
  }
}

async function found<T>(lookup: Promise<T | null>, what: string, id: number): Promise<T> {
  const record = await lookup;
  if (!record) throw AppError.notFound(`${what} ${id}`);
  return record;
}
