import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { HaltService } from './halt.service';
import { AccountHaltRecord, AccountHaltRequest, AccountHalts } from './ports/account-halts.port';

const MAX_REASON = 500;

/**
 * AccountHalts on the kill switch. Halts are kept per firm or globally (`trading_halts.firm_code`), not
 * per trading account, so the account's firm is halted: every account of that firm stops taking entries
 * until an operator clears the halt (`DELETE /api/risk/halts/{id}`). Wider than the one account, but it
 * fails closed. A firm missing from the registry (it cannot be halted alone) gets a global halt.
 */
@Injectable()
export class AccountHaltService extends AccountHalts {
  constructor(private readonly halts: HaltService) {
    super();
  }

  async haltAccount(r: AccountHaltRequest): Promise<AccountHaltRecord> {
    const reason = `account "${r.accountLabel}" (${r.accountId}): ${r.reason}`.slice(0, MAX_REASON);
    try {
      const halt = await this.halts.halt(r.firmCode, reason, r.by);
      return { id: halt.id, scope: 'firm' };
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION') throw e;
      const halt = await this.halts.halt(null, reason, r.by);
      return { id: halt.id, scope: 'global' };
    }
  }
}
