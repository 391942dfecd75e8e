import { Injectable } from '@nestjs/common';
import { AccountDirectory, RoutingAccount } from '../../accounts/application/ports/account-directory.port';
import { AppError } from '../../platform/errors/app-error';
import { HaltRequest, HaltView, TradingHalts } from '../../risk/application/ports/trading-halts.port';
import {
  AccountFlattener,
  FlattenCause,
  FlattenOutcome,
} from '../../routing/application/ports/account-flattener.port';

/**
 * Which accounts a bulk flatten closes: every account, those of one firm, or those with one tag — disabled
 * ones too (disabling stops new signals; it does not close what the account holds), when they have a platform.
 */
export type FlattenSelection = { all: true } | { firmCode: string } | { tag: string };

/** A flatten's outcome with the account it names. */
export interface AccountFlatten extends FlattenOutcome {
  accountLabel: string;
  firmCode: string;
}

/** Flattens run this many at a time: each holds its account's lock (a database connection) while it runs. */
export const FLATTEN_CONCURRENCY = 4;

/**
 * The operator's kill switch (issue 16): flatten one account, flatten a selection of accounts, halt and then
 * flatten everything the halt reaches. A flatten that fails at its platform is an outcome (FAILED, with the
 * reason), never an error: the answer lists every account's outcome.
 */
@Injectable()
export class KillSwitch {
  constructor(
    private readonly flattener: AccountFlattener,
    private readonly directory: AccountDirectory,
    private readonly halts: TradingHalts,
  ) {}

  async flattenAccount(accountId: number, reason: string, by: string): Promise<AccountFlatten> {
    const account = await this.directory.account(accountId);
    if (!account) throw AppError.notFound(`Account ${accountId}`);
    return (await this.flattenAll([account], 'operator', reason, by))[0];
  }

  async flattenSelection(selection: FlattenSelection, reason: string, by: string): Promise<AccountFlatten[]> {
    return this.flattenAll(await this.select(selection), 'operator', reason, by);
  }

  /** Sets the halt (effective for the next entry), then flattens every account it reaches when asked. */
  async halt(
    request: HaltRequest,
    flatten: boolean,
  ): Promise<{ halt: HaltView; flattens: AccountFlatten[] | null }> {
    const halt = await this.halts.halt(request);
    if (!flatten) return { halt, flattens: null };
    const reached = await this.reachOf(halt);
    return { halt, flattens: await this.flattenAll(reached, 'halt', halt.reason, request.by) };
  }

  private async reachOf(halt: HaltView): Promise<RoutingAccount[]> {
    if (halt.accountId !== null) {
      const account = await this.directory.account(halt.accountId);
      return account ? [account] : [];
    }
    return this.select(halt.firmCode === null ? { all: true } : { firmCode: halt.firmCode }, false);
  }

  /**
   * The accounts selected, enabled or not: the enabled ones, and the disabled ones that have a platform to
   * close at. A tag or firm that selects none is a 404 (when `strict`).
   */
  private async select(s: FlattenSelection, strict = true): Promise<RoutingAccount[]> {
    const resolved = await this.directory.resolveTargets(
      {
        accounts: [],
        tags: 'tag' in s ? [s.tag] : [],
        firmCodes: 'firmCode' in s ? [s.firmCode] : [],
        programIds: [],
      },
      { includeDisabled: true },
    );
    if (!resolved.ok)
      throw new AppError('NOT_FOUND', `No account has the tag "${resolved.unknownTags.join('", "')}"`);
    const reached = resolved.accounts.filter((a) => a.enabled || a.platform !== null);
    if (strict && reached.length === 0 && 'firmCode' in s)
      throw new AppError('NOT_FOUND', `No account of firm ${s.firmCode.toUpperCase()}`);
    return reached;
  }

  private async flattenAll(
    accounts: RoutingAccount[],
    cause: FlattenCause,
    reason: string,
    by: string,
  ): Promise<AccountFlatten[]> {
    return mapBounded(accounts, FLATTEN_CONCURRENCY, async (a) => ({
      ...(await this.flattener.flatten({ accountId: a.id, cause, reason, requestedBy: by })),
      accountLabel: a.label,
      firmCode: a.firmCode,
    }));
  }
}

/** `fn` over `items`, at most `limit` at once; results in the items' order. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
