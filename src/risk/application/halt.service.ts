import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { AppError } from '../../platform/errors/app-error';
import { Clock } from '../../platform/time/clock';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { isHaltActive, scopeOf, type TradingHalt } from '../domain/trading-halt';
import { endsThrough, HaltRepository } from './ports/halt.repository.port';
import { HaltRequest, HaltView, HaltViewPage, TradingHalts } from './ports/trading-halts.port';

/** The kill switch: halts are stored, never cached, so the next check sees them. */
@Injectable()
export class HaltService extends TradingHalts {
  constructor(
    private readonly repo: HaltRepository,
    private readonly catalog: ProgramCatalog,
    private readonly directory: AccountDirectory,
    private readonly clock: Clock,
  ) {
    super();
  }

  /**
   * Records a halt. An account halt takes the account's firm (a `firmCode` given with it must be that firm).
   * Every problem with the request is reported at once (a validation error naming each field).
   */
  async halt(r: HaltRequest): Promise<HaltView> {
    const now = this.clock.now();
    const problems: string[] = [];
    const account = r.accountId != null ? await this.directory.account(r.accountId) : null;
    let code = r.firmCode ? r.firmCode.toUpperCase() : null;
    if (r.accountId != null && !account) problems.push(`account_id: no trading account ${r.accountId}`);
    if (account && code !== null && code !== account.firmCode.toUpperCase())
      problems.push(`firm_code: account ${account.id} belongs to ${account.firmCode}, not ${code}`);
    if (account) code = account.firmCode.toUpperCase();
    else if (code !== null && !(await this.catalog.findFirmByCode(code)))
      problems.push(`firm_code: no firm "${code}" in the registry`);
    if (r.expiresAt && r.expiresAt.getTime() <= now.getTime())
      problems.push(`expires_at: must be in the future (now ${now.toISOString()})`);
    if (problems.length > 0) throw AppError.validation(problems);
    const halt = await this.repo.create({
      firmCode: code,
      accountId: account?.id ?? null,
      reason: r.reason,
      createdBy: r.by,
      createdAt: now,
      expiresAt: r.expiresAt ?? null,
    });
    return viewOf(halt, now);
  }

  async list(activeOnly: boolean, limit: number, offset: number): Promise<HaltViewPage> {
    const now = this.clock.now();
    const page = await this.repo.list({ activeOnly, limit, offset, now });
    return { total: page.total, items: page.items.map((h) => viewOf(h, now)) };
  }

  async expiredRecently(withinMs: number): Promise<(HaltView & { accountLabel: string | null })[]> {
    const now = this.clock.now();
    const halts = await this.repo.expiredBetween(endsThrough(new Date(now.getTime() - withinMs)), now, 100);
    return halts.map((h) => ({ ...viewOf(h, now), accountLabel: h.accountLabel }));
  }

  async clear(id: number, by: string): Promise<HaltView> {
    const halt = await this.repo.find(id);
    if (!halt) throw AppError.notFound(`Halt ${id}`);
    const now = this.clock.now();
    const cleared = halt.clearedAt ? null : await this.repo.clear(id, by, now);
    if (!cleared) throw AppError.conflict(`Halt ${id} was already cleared`);
    return viewOf(cleared, now);
  }
}

function viewOf(h: TradingHalt, now: Date): HaltView {
  return { ...h, scope: scopeOf(h), active: isHaltActive(h, now) };
}
