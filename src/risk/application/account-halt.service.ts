import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { TradingHalts } from './ports/trading-halts.port';
import { AccountHaltRecord, AccountHaltRequest, AccountHalts } from './ports/account-halts.port';

const MAX_REASON = 500;

/**
 * AccountHalts on the kill switch: a halt on the one trading account (`trading_halts.account_id`); its
 * sibling accounts of the same firm keep trading. An `env:{FIRM}` account is the firm's own (its risk state
 * is the firm's), so its firm is halted instead.
 */
@Injectable()
export class AccountHaltService extends AccountHalts {
  constructor(
    private readonly halts: TradingHalts,
    private readonly directory: AccountDirectory,
  ) {
    super();
  }

  async haltAccount(r: AccountHaltRequest): Promise<AccountHaltRecord> {
    // the halt names its account (account_id), the reason too: the halts list reads without a join
    const reason = `account "${r.accountLabel}" (${r.accountId}): ${r.reason}`.slice(0, MAX_REASON);
    const account = await this.directory.account(r.accountId);
    if (account?.source === 'env') {
      const halt = await this.halts.halt({
        firmCode: account.firmCode,
        reason,
        by: r.by,
        expiresAt: r.expiresAt,
      });
      return { id: halt.id, scope: 'firm' };
    }
    const halt = await this.halts.halt({ accountId: r.accountId, reason, by: r.by, expiresAt: r.expiresAt });
    return { id: halt.id, scope: 'account' };
  }
}
