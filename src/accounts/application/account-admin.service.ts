import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { capProblems } from '../domain/account-records';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import type { Account, AccountFields, Draft } from '../domain/account-records';
import { ACCOUNT_DEFAULTS, envRowMessage } from '../domain/account-records';
import { checkAccount } from '../domain/account-validation';
import { AccountsStore, AccountsTx } from './ports/accounts-store.port';

/** An account as the API answers it: with its connection's platform and notes about the write. */
export interface AccountView extends Account {
  platform: string | null;
  notes: string[];
}

const EDITABLE: (keyof AccountFields)[] = [
  'label',
  'firm_code',
  'program_id',
  'connection_id',
  'platform_account',
  'platform_account_spec',
  'phase',
  'enabled',
  'tags',
  'sizing_mode',
  'default_risk_percent',
  'fixed_quantity',
  'quantity_multiplier',
  'max_contracts',
  'symbol_map',
  'flatten_orphans',
  'guard_buffer',
];

function auditView(a: Account): object {
  const { created_at: _c, updated_at: _u, ...rest } = a;
  return rest;
}

/** Admin create / update / delete of trading accounts: validated against the registry, audited. */
@Injectable()
export class AccountAdminService {
  constructor(
    private readonly store: AccountsStore,
    private readonly catalog: ProgramCatalog,
  ) {}

  create(draft: Draft, actor: string): Promise<AccountView> {
    return this.store.transaction(async (tx) => {
      const { fields, notes, platform } = await this.check(tx, { ...ACCOUNT_DEFAULTS, ...draft });
      await assertLabelFree(tx, fields.label, null);
      const created = await tx.insertAccount(fields);
      await tx.audit({
        actor,
        action: 'create',
        entity: 'account',
        entityId: created.id,
        before: null,
        after: auditView(created),
      });
      return { ...created, platform, notes };
    });
  }

  update(id: number, draft: Draft, actor: string): Promise<AccountView> {
    return this.store.transaction(async (tx) => {
      const existing = await writable(tx, id);
      const base = Object.fromEntries(EDITABLE.map((k) => [k, existing[k]]));
      const { fields, notes, platform } = await this.check(tx, { ...base, ...draft });
      if (fields.label.toLowerCase() !== existing.label.toLowerCase())
        await assertLabelFree(tx, fields.label, id);
      const updated = await tx.updateAccount(id, fields);
      await tx.audit({
        actor,
        action: 'update',
        entity: 'account',
        entityId: id,
        before: auditView(existing),
        after: auditView(updated),
      });
      return { ...updated, platform, notes };
    });
  }

  delete(id: number, actor: string): Promise<AccountView> {
    return this.store.transaction(async (tx) => {
      const existing = await writable(tx, id);
      const platform = (await tx.connectionById(existing.connection_id))?.platform ?? null;
      if (!(await tx.deleteAccount(id)))
        throw AppError.conflict(
          `Account ${id} has orders and cannot be deleted: disable it instead (enabled: false)`,
        );
      await tx.audit({
        actor,
        action: 'delete',
        entity: 'account',
        entityId: id,
        before: auditView(existing),
        after: null,
      });
      return { ...existing, platform, notes: [] };
    });
  }

  /** Every problem of the candidate, the registry's and the connection's included, in one 400. */
  private async check(
    tx: AccountsTx,
    candidate: Draft,
  ): Promise<{ fields: AccountFields; notes: string[]; platform: string | null }> {
    const checked = checkAccount(candidate);
    const problems = checked.ok ? [] : [...checked.problems];
    const notes = await this.registryProblems(candidate, problems);
    let platform: string | null = null;
    if (typeof candidate.connection_id === 'number' && !mentions(problems, 'connection_id')) {
      const connection = await tx.connectionById(candidate.connection_id);
      if (!connection) problems.push(`connection_id: no connection with id ${candidate.connection_id}`);
      else if (connection.source === 'env')
        problems.push(
          `connection_id: connection ${connection.id} is configured by environment; use a connection made through the API`,
        );
      else platform = connection.platform;
    }
    if (!checked.ok || problems.length > 0) throw AppError.validation(capProblems(problems));
    return { fields: checked.value, notes, platform };
  }

  /** The firm and program against the registry: problems pushed onto `problems`; returns notes. */
  private async registryProblems(candidate: Draft, problems: string[]): Promise<string[]> {
    const notes: string[] = [];
    const firmCode =
      typeof candidate.firm_code === 'string' ? candidate.firm_code.trim().toUpperCase() : null;
    if (firmCode && !mentions(problems, 'firm_code') && !(await this.catalog.findFirmByCode(firmCode)))
      problems.push(`firm_code: no firm ${firmCode} in the registry`);
    const programId = candidate.program_id;
    if (typeof programId !== 'number' || mentions(problems, 'program_id')) return notes;
    const program = await this.catalog.findProgram(programId);
    const max = candidate.max_contracts;
    if (!program) problems.push(`program_id: no program with id ${programId} in the registry`);
    else if (firmCode && program.firmCode !== firmCode)
      problems.push(`program_id: program ${programId} belongs to ${program.firmCode}, not ${firmCode}`);
    else if (program.maxContracts !== null && typeof max === 'number' && max > program.maxContracts)
      notes.push(
        `max_contracts: ${max} is above the program's limit of ${program.maxContracts}; the tighter one (${program.maxContracts}) applies`,
      );
    return notes;
  }
}

function mentions(problems: string[], field: string): boolean {
  return problems.some((p) => p.startsWith(`${field}:`));
}

async function writable(tx: AccountsTx, id: number): Promise<Account> {
  const existing = await tx.accountById(id);
  if (!existing) throw AppError.notFound(`Account ${id}`);
  if (existing.source === 'env') throw AppError.conflict(envRowMessage(existing.firm_code));
  return existing;
}

async function assertLabelFree(tx: AccountsTx, label: string, self: number | null): Promise<void> {
  const clash = await tx.accountByLabel(label);
  if (clash && clash.id !== self) {
    const message = `label: an account labelled ${clash.label} already exists (id ${clash.id})`;
    throw new AppError('CONFLICT', message, [message]);
  }
}
