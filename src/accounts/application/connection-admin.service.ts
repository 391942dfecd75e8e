import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { capProblems } from '../domain/account-records';
import type { Connection, ConnectionFields, Draft } from '../domain/account-records';
import { CONNECTION_DEFAULTS, envRowMessage } from '../domain/account-records';
import { checkConnection } from '../domain/connection-validation';
import { applyCredentials, credentialsSet, type Credentials } from '../domain/credentials';
import { isPlatform } from '../domain/platforms';
import { AccountsStore, AccountsTx, StoredConnection } from './ports/accounts-store.port';
import { CredentialCipher } from '../../platform/crypto/credential-cipher';

/** What an audit row keeps of a connection: never a credential value, only the names of the set fields. */
export function connectionAuditView(c: Connection): object {
  const { created_at: _c, updated_at: _u, ...rest } = c;
  if ('sealed' in rest) delete (rest as { sealed?: unknown }).sealed;
  return rest;
}

/** Admin create / update / delete of connections: validated, audited, one locked transaction each. */
@Injectable()
export class ConnectionAdminService {
  constructor(
    private readonly store: AccountsStore,
    private readonly cipher: CredentialCipher,
  ) {}

  create(draft: Draft, actor: string): Promise<Connection> {
    return this.store.transaction(async (tx) => {
      const { fields, credentials } = this.check(
        { ...CONNECTION_DEFAULTS, ...withoutCredentials(draft) },
        {},
        draft,
      );
      await this.assertNameFree(tx, fields.name, null);
      const created = await tx.insertConnection(this.write(fields, credentials));
      await tx.audit({
        actor,
        action: 'create',
        entity: 'connection',
        entityId: created.id,
        before: null,
        after: connectionAuditView(created),
      });
      return created;
    });
  }

  update(id: number, draft: Draft, actor: string): Promise<Connection> {
    return this.store.transaction(async (tx) => {
      const existing = await writable(tx, id);
      const stored = existing.sealed ? this.cipher.open(existing.sealed) : {};
      const base = {
        name: existing.name,
        platform: existing.platform,
        environment: existing.environment,
        base_url: existing.base_url,
      };
      const { fields, credentials } = this.check({ ...base, ...withoutCredentials(draft) }, stored, draft);
      if (fields.name !== existing.name) await this.assertNameFree(tx, fields.name, id);
      const changed =
        fields.platform !== existing.platform ||
        fields.environment !== existing.environment ||
        fields.base_url !== existing.base_url ||
        !sameCredentials(stored, credentials);
      const updated = await tx.updateConnection(id, this.write(fields, credentials), changed);
      const after = {
        ...connectionAuditView(updated),
        credentials_written: Object.keys(credentialPatch(draft)),
      };
      await tx.audit({
        actor,
        action: 'update',
        entity: 'connection',
        entityId: id,
        before: connectionAuditView(existing),
        after,
      });
      return updated;
    });
  }

  delete(id: number, actor: string): Promise<Connection> {
    return this.store.transaction(async (tx) => {
      const existing = await writable(tx, id);
      const count = await tx.accountCountOf(id);
      if (count > 0)
        throw AppError.conflict(
          `Connection ${id} still has ${count} account${count === 1 ? '' : 's'}: delete them or move them to another connection first`,
        );
      await tx.deleteConnection(id);
      const { sealed: _s, ...view } = existing;
      await tx.audit({
        actor,
        action: 'delete',
        entity: 'connection',
        entityId: id,
        before: connectionAuditView(view),
        after: null,
      });
      return view;
    });
  }

  private check(
    candidate: Draft,
    stored: Credentials,
    draft: Draft,
  ): { fields: ConnectionFields; credentials: Credentials } {
    const checked = checkConnection(candidate);
    const problems = checked.ok ? [] : [...checked.problems];
    let credentials: Credentials = stored;
    if (isPlatform(candidate.platform)) {
      const applied = applyCredentials(candidate.platform, stored, draft.credentials);
      if (applied.ok) credentials = applied.credentials;
      else problems.push(...applied.problems);
    }
    if (!checked.ok || problems.length > 0) throw AppError.validation(capProblems(problems));
    return { fields: checked.value, credentials };
  }

  private write(fields: ConnectionFields, credentials: Credentials) {
    const set = credentialsSet(fields.platform, credentials);
    return { ...fields, credentials_set: set, sealed: set.length > 0 ? this.cipher.seal(credentials) : null };
  }

  private async assertNameFree(tx: AccountsTx, name: string, self: number | null): Promise<void> {
    const clash = await tx.connectionByName(name);
    if (clash && clash.id !== self)
      throw new AppError('CONFLICT', `name: a connection named ${name} already exists (id ${clash.id})`, [
        `name: a connection named ${name} already exists (id ${clash.id})`,
      ]);
  }
}

/** The connection, when it exists and the API may change it (404, or 409 for an env row). */
async function writable(tx: AccountsTx, id: number): Promise<StoredConnection> {
  const existing = await tx.connectionById(id);
  if (!existing) throw AppError.notFound(`Connection ${id}`);
  if (existing.source === 'env') throw AppError.conflict(envRowMessage(existing.env_firm ?? 'FIRM'));
  return existing;
}

function withoutCredentials(draft: Draft): Draft {
  const { credentials: _c, ...rest } = draft;
  return rest;
}

function credentialPatch(draft: Draft): Record<string, unknown> {
  const c = draft.credentials;
  return typeof c === 'object' && c !== null && !Array.isArray(c) ? (c as Record<string, unknown>) : {};
}

function sameCredentials(a: Credentials, b: Credentials): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
