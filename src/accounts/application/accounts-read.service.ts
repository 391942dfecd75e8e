import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import type { Connection } from '../domain/account-records';
import type { AccountView } from './account-admin.service';
import { AccountListFilter, AccountsStore, AuditEntry, AuditFilter, Page } from './ports/accounts-store.port';

/** The accounts context's own read model for its API (routing reads through AccountDirectory). */
@Injectable()
export class AccountsReadService {
  constructor(private readonly store: AccountsStore) {}

  connections(page: Page): Promise<{ total: number; items: Connection[] }> {
    return this.store.connections(page);
  }

  async connection(id: number): Promise<Connection> {
    const found = await this.store.connection(id);
    if (!found) throw AppError.notFound(`Connection ${id}`);
    return found;
  }

  async accounts(filter: AccountListFilter, page: Page): Promise<{ total: number; items: AccountView[] }> {
    const { total, items } = await this.store.accounts(filter, page);
    const platforms = await this.store.platformsOf(items.map((a) => a.connection_id));
    return {
      total,
      items: items.map((a) => ({ ...a, platform: platforms.get(a.connection_id) ?? null, notes: [] })),
    };
  }

  async account(id: number): Promise<AccountView> {
    const found = await this.store.account(id);
    if (!found) throw AppError.notFound(`Account ${id}`);
    const platforms = await this.store.platformsOf([found.connection_id]);
    return { ...found, platform: platforms.get(found.connection_id) ?? null, notes: [] };
  }

  audit(filter: AuditFilter, page: Page): Promise<{ total: number; items: AuditEntry[] }> {
    return this.store.audit(filter, page);
  }
}
