import { isRowId } from '../domain/field-check';
import { mergeDraft, sameFields } from '../domain/registry-merge';
import type {
  AuditAction,
  AuditEntity,
  Draft,
  Firm,
  FirmFields,
  JsonObject,
  Program,
  ProgramFields,
  ScalingRule,
  ScalingRuleFields,
} from '../domain/registry-records';
import {
  checkFirm,
  checkProgram,
  checkScalingRule,
  FIRM_DEFAULTS,
  PROGRAM_DEFAULTS,
  SCALING_RULE_DEFAULTS,
} from '../domain/registry-validation';
import type { RegistryTx } from './ports/registry-store.port';

export type WriteAction = 'created' | 'updated' | 'unchanged';
export type WriteFailure = 'invalid' | 'conflict';
export type WriteOutcome<T> =
  { ok: true; record: T; action: WriteAction } | { ok: false; failure: WriteFailure; problems: string[] };

export interface WriterOptions {
  actor: string;
  /** The audit action for creates and updates: theirs by default, or 'import' / 'sync' for bulk writes. */
  auditAs?: Extract<AuditAction, 'import' | 'sync'>;
  /** Imports add meta keys; the admin API's PATCH replaces meta. */
  meta: 'merge' | 'replace';
}

const invalid = (problems: string[]) => ({ ok: false as const, failure: 'invalid' as const, problems });
const conflict = (problem: string) => ({
  ok: false as const,
  failure: 'conflict' as const,
  problems: [problem],
});

/**
 * Every registry write goes through here, inside one RegistryTx: merge the draft over the stored record,
 * validate the whole candidate (every problem at once), check natural keys, write, and audit before/after.
 * Business outcomes are values; the admin API maps them to 400/409, imports to rejected rows.
 */
export class RegistryWriter {
  constructor(
    private readonly tx: RegistryTx,
    private readonly opts: WriterOptions,
  ) {}

  async saveFirm(existing: Firm | null, draft: Draft<FirmFields>): Promise<WriteOutcome<Firm>> {
    const base = existing ? firmFields(existing) : FIRM_DEFAULTS;
    const checked = checkFirm(mergeDraft(base as FirmFields, draft, this.opts.meta));
    if (!checked.ok) return invalid(checked.problems);
    const next = checked.value;
    if (existing && sameFields(base, next)) return { ok: true, record: existing, action: 'unchanged' };
    const clash = await this.tx.firmByCode(next.code);
    if (clash && clash.id !== existing?.id)
      return conflict(`code: a firm with code ${next.code} already exists (id ${clash.id})`);
    const record = existing ? await this.tx.updateFirm(existing.id, next) : await this.tx.insertFirm(next);
    await this.audit('firm', existing, record);
    return { ok: true, record, action: existing ? 'updated' : 'created' };
  }

  async saveProgram(existing: Program | null, draft: Draft<ProgramFields>): Promise<WriteOutcome<Program>> {
    const base = existing ? programFields(existing) : PROGRAM_DEFAULTS;
    const checked = checkProgram(mergeDraft(base as ProgramFields, draft, this.opts.meta));
    const problems = checked.ok ? [] : [...checked.problems];
    if (existing && draft.firm_id !== undefined && draft.firm_id !== existing.firm_id) {
      problems.push('firm_id: cannot be changed; create the program under the other firm instead');
    } else if (!existing && isRowId(draft.firm_id) && !(await this.tx.firmById(draft.firm_id))) {
      problems.push(`firm_id: no firm with id ${draft.firm_id}`);
    }
    if (!checked.ok || problems.length) return invalid(problems);
    const next = checked.value;
    if (existing && sameFields(base, next)) return { ok: true, record: existing, action: 'unchanged' };
    const clash = await this.tx.programByKey(next.firm_id, next.name, next.account_size);
    if (clash && clash.id !== existing?.id) {
      return conflict(
        `name: firm ${next.firm_id} already has a program "${next.name}" of ${next.account_size} (id ${clash.id})`,
      );
    }
    const record = existing
      ? await this.tx.updateProgram(existing.id, next)
      : await this.tx.insertProgram(next);
    await this.audit('program', existing, record);
    return { ok: true, record, action: existing ? 'updated' : 'created' };
  }

  async saveRule(
    existing: ScalingRule | null,
    draft: Draft<ScalingRuleFields>,
  ): Promise<WriteOutcome<ScalingRule>> {
    const base = existing ? ruleFields(existing) : SCALING_RULE_DEFAULTS;
    const owner = existing ? {} : await this.ruleOwner(draft);
    const candidate = mergeDraft(base as ScalingRuleFields, { ...draft, ...owner.fill }, this.opts.meta);
    const checked = checkScalingRule(candidate);
    const problems = [...(checked.ok ? [] : checked.problems), ...(owner.problems ?? [])];
    if (existing) {
      for (const key of ['firm_id', 'program_id'] as const) {
        if (draft[key] !== undefined && draft[key] !== existing[key])
          problems.push(`${key}: cannot be changed`);
      }
    }
    if (!checked.ok || problems.length) return invalid(problems);
    const next = checked.value;
    if (existing && sameFields(base, next)) return { ok: true, record: existing, action: 'unchanged' };
    const siblings = await this.tx.rulesOf({ firmId: next.firm_id });
    const clash = siblings.find(
      (r) => r.program_id === next.program_id && r.step_number === next.step_number && r.id !== existing?.id,
    );
    if (clash)
      return conflict(
        `step_number: step ${next.step_number} already exists for this ${next.program_id ? 'program' : 'firm'} (id ${clash.id})`,
      );
    const record = existing ? await this.tx.updateRule(existing.id, next) : await this.tx.insertRule(next);
    await this.audit('scaling_rule', existing, record);
    return { ok: true, record, action: existing ? 'updated' : 'created' };
  }

  async deleteFirm(firm: Firm): Promise<void> {
    await this.tx.deleteFirm(firm.id);
    await this.tx.audit({
      actor: this.opts.actor,
      action: 'delete',
      entity: 'firm',
      entity_id: firm.id,
      before: { ...firm },
      after: null,
    });
  }

  async deleteProgram(program: Program): Promise<void> {
    await this.tx.deleteProgram(program.id);
    await this.tx.audit({
      actor: this.opts.actor,
      action: 'delete',
      entity: 'program',
      entity_id: program.id,
      before: { ...program },
      after: null,
    });
  }

  /** Deletes a program no trading account uses (audited as a delete); false, and nothing changed, when one does. */
  async retireProgram(program: Program): Promise<boolean> {
    if (!(await this.tx.deleteProgramIfUnused(program.id))) return false;
    const entry = { action: 'delete' as const, entity: 'program' as const, after: null };
    await this.tx.audit({ ...entry, actor: this.opts.actor, entity_id: program.id, before: { ...program } });
    return true;
  }

  async deleteRule(rule: ScalingRule): Promise<void> {
    await this.tx.deleteRule(rule.id);
    await this.tx.audit({
      actor: this.opts.actor,
      action: 'delete',
      entity: 'scaling_rule',
      entity_id: rule.id,
      before: { ...rule },
      after: null,
    });
  }

  /** A new rule's firm comes from its program when only the program is given; the two must agree. */
  private async ruleOwner(
    draft: Draft<ScalingRuleFields>,
  ): Promise<{ fill?: JsonObject; problems?: string[] }> {
    // An id out of the column's range is left to the field check (a 400), never looked up.
    if (isRowId(draft.program_id)) {
      const program = await this.tx.programById(draft.program_id);
      if (!program) return { problems: [`program_id: no program with id ${draft.program_id}`] };
      if (draft.firm_id === undefined || draft.firm_id === null)
        return { fill: { firm_id: program.firm_id } };
      if (draft.firm_id !== program.firm_id) {
        return { problems: [`firm_id: program ${program.id} belongs to firm ${program.firm_id}`] };
      }
      return {};
    }
    if (isRowId(draft.firm_id) && !(await this.tx.firmById(draft.firm_id))) {
      return { problems: [`firm_id: no firm with id ${draft.firm_id}`] };
    }
    return {};
  }

  private async audit(entity: AuditEntity, before: object | null, after: object): Promise<void> {
    await this.tx.audit({
      actor: this.opts.actor,
      action: this.opts.auditAs ?? (before ? 'update' : 'create'),
      entity,
      entity_id: (after as { id: number }).id,
      before: before ? { ...before } : null,
      after: { ...after },
    });
  }
}

export function firmFields(f: Firm): FirmFields {
  return {
    code: f.code,
    name: f.name,
    website_url: f.website_url,
    status: f.status,
    schema_version: f.schema_version,
    meta: f.meta,
  };
}

export function programFields(p: Program): ProgramFields {
  const { id: _id, firm_code: _c, firm_name: _n, ...fields } = p;
  return fields;
}

export function ruleFields(r: ScalingRule): ScalingRuleFields {
  const { id: _id, ...fields } = r;
  return fields;
}
