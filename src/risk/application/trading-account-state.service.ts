import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { AppError } from '../../platform/errors/app-error';
import type { AccountPatch } from '../domain/account-patch';
import type { AccountState } from '../domain/account-state';
import { AccountStateService, FillInput, RecordedFill } from './account-state.service';

/** A trading account's firm and program, as the account directory knows them. */
interface AccountTarget {
  id: number;
  firmCode: string;
  programId: number;
}

/**
 * One trading account's own state, found by the account's id: its firm and program come from the account
 * directory. An `env:{FIRM}` account has no program and uses the firm-level state (firm × program routes).
 */
@Injectable()
export class TradingAccountStateService {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly states: AccountStateService,
  ) {}

  async get(accountId: number): Promise<AccountState> {
    const a = await this.target(accountId);
    return this.states.get(a.firmCode, a.programId, a.id);
  }

  async update(accountId: number, patch: AccountPatch): Promise<AccountState> {
    const a = await this.target(accountId);
    return this.states.update(a.firmCode, a.programId, patch, a.id);
  }

  async recordFill(accountId: number, input: FillInput): Promise<RecordedFill> {
    const a = await this.target(accountId);
    return this.states.recordFill(a.firmCode, a.programId, input, a.id);
  }

  /** 404 for an unknown account; 409 for one without a program (an `env:{FIRM}` account). */
  private async target(accountId: number): Promise<AccountTarget> {
    const account = await this.directory.account(accountId);
    if (!account) throw AppError.notFound(`Trading account ${accountId}`);
    if (account.programId === null) {
      throw AppError.conflict(
        `Trading account ${accountId} (${account.label}) has no program: its state is the firm-level state ` +
          `of ${account.firmCode} × program, at /api/risk/accounts/${account.firmCode}/{program_id}`,
      );
    }
    return { id: account.id, firmCode: account.firmCode, programId: account.programId };
  }
}
