import Decimal from 'decimal.js';
import { freshAccount, rollTo } from '../domain/account-state';
import {
  addPending,
  NO_PENDING,
  PendingExposure,
  pendingWorstCase,
  sumPending,
} from '../domain/pending-exposure';
import type { ProgramLimits } from '../domain/program-limits';
import type { ProgramAccount } from '../domain/risk-evaluation';
import type { RiskCheckRequest } from './ports/risk-gate.port';
import { accountIdOf, accountKey, RiskSnapshot } from './risk-snapshot.loader';

/**
 * Entries approved from one read, per state key, not yet visible in that read's pending exposure: a batch's
 * second entry on an account sees the first one's contracts as pending (two alerts of one batch on an account
 * with room for one are not both approved).
 */
export type Reservations = Map<string, Reserved>;

interface Reserved {
  contracts: PendingExposure;
  /** Sum of their worst cases (those with a known one). */
  loss: Decimal;
}

/**
 * The request's programs of this firm (others are another firm's business), with the states of the request's
 * trading account (the firm-level ones without an account), fresh when none is stored; a platform-sourced
 * state carries its pending exposure: what the read found plus what this read approved since, in contracts
 * and in worst-case loss (the pending entries' stops priced with `pointValueOf`).
 */
export function programAccounts(
  r: RiskCheckRequest,
  snapshot: RiskSnapshot,
  reserved: Reservations,
  pointValueOf: (symbol: string) => Decimal | null,
): ProgramAccount[] {
  const firmCode = r.firmCode.toUpperCase();
  const accountId = accountIdOf(r);
  const tradingDay = snapshot.tradingDays.get(firmCode) ?? snapshot.tradingDay;
  return [...new Set(r.programIds)]
    .map((id) => snapshot.programs.get(id))
    .filter((p): p is ProgramLimits => p !== undefined && p.firmCode === firmCode)
    .map((program) => {
      const key = accountKey(firmCode, program.programId, accountId);
      // a reading checked for an account it never read must not take it for a fresh one: fail closed
      if (!snapshot.readKeys.has(key)) throw new Error(`the state of ${key} was not read by this snapshot`);
      const stored = snapshot.states.get(key);
      const state = rollTo(stored ?? freshAccount(program, tradingDay, snapshot.now, accountId), tradingDay);
      const phase = r.phase ?? null;
      if (state.source !== 'platform') return { program, state, phase };
      const mine = reserved.get(key);
      const found = snapshot.pending.get(key) ?? NO_PENDING;
      const pending = sumPending(found, mine?.contracts ?? NO_PENDING);
      const pendingLoss = pendingWorstCase(found.entries ?? [], pointValueOf).plus(mine?.loss ?? 0);
      return { program, state, phase, pending, pendingLoss: pendingLoss.isZero() ? undefined : pendingLoss };
    });
}

/**
 * An approved entry's contracts (and worst case, when known) count as pending for the later checks of the same
 * read, on platform states.
 */
export function reserve(
  r: RiskCheckRequest,
  accounts: readonly ProgramAccount[],
  worstCaseOf: (a: ProgramAccount) => Decimal | null,
  reserved: Reservations,
): void {
  if (r.eventType !== 'entry' || r.quantity === null) return;
  for (const a of accounts) {
    if (a.state.source !== 'platform') continue;
    const key = accountKey(a.state.firmCode, a.program.programId, a.state.accountId);
    const was = reserved.get(key) ?? { contracts: NO_PENDING, loss: new Decimal(0) };
    const worstCase = worstCaseOf(a);
    reserved.set(key, {
      contracts: addPending(was.contracts, r.side, r.quantity),
      loss: worstCase === null ? was.loss : was.loss.plus(worstCase),
    });
  }
}

/**
 * Balance − account size per program of this firm whose state the snapshot read (an entry's programs, for its
 * account); as accountProfits. A program or account the snapshot did not read is absent.
 */
export function profitsFrom(
  snapshot: RiskSnapshot,
  firmCode: string,
  programIds: number[],
  accountId: number,
): Map<number, number> {
  const firm = firmCode.toUpperCase();
  const profits = new Map<number, number>();
  for (const id of new Set(programIds)) {
    const p = snapshot.programs.get(id);
    const key = accountKey(firm, id, accountId);
    if (!p || p.firmCode !== firm || !snapshot.readKeys.has(key)) continue; // unknown here: absent
    const balance = snapshot.states.get(key)?.balance ?? p.accountSize;
    profits.set(id, balance.minus(p.accountSize).toNumber());
  }
  return profits;
}
