import { Injectable } from '@nestjs/common';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import { RiskCheckRequest, RiskGate, RiskReading } from '../../risk/application/ports/risk-gate.port';
import { AccountRisk, AccountSizing, EntryPlan, planEntry, tagRisk } from '../domain/routing-plan';
import type { Targets } from './account-targets';
import { AccountBatches } from './account-batches';
import type { OrderSend } from './order-executor';
import { entrySends } from './order-sends';
import { AccountLocks, HeldAccounts } from './ports/account-locks.port';
import { OrderStore, StoredOrder } from './ports/order-store.port';
import type { ClaimedTask } from './ports/task-queue.port';

/** An entry task ready to be decided: its targets, its sizing, and one risk check per target account. */
export interface EntryQuestion {
  task: ClaimedTask;
  targets: Targets;
  sizing: AccountSizing[];
  checks: RiskCheckRequest[];
  /** The reading that sized it (null: none): enough for accounts without a state of their own (`env:`). */
  reading: RiskReading | null;
  /**
   * The decision locks `reading` was read under, taken before the task was inserted (the hand-off,
   * TaskPipeline.prepare): the decision is made on that reading and they are released once its orders are
   * recorded. Null or absent: the locks are taken, and the state read again, when it is decided.
   */
  locked?: HeldAccounts | null;
}

/** The decision, recorded: the orders' rows are written (PENDING_SEND) and may be sent. */
export interface EntryDecision {
  risk: AccountRisk[];
  plan: EntryPlan;
  sends: OrderSend[];
  /** Rows that existed before (a task processed again), by client order id, as OrderStore.reserve answers. */
  existing: Map<string, StoredOrder>;
  /** Date.now() just before the rows were written: the orders' send window opens then (OrderExecutor). */
  reservedAt: number;
}

/**
 * Risk check → plan → orders recorded, atomically per trading account (issue 14): under the accounts'
 * decision locks (AccountLocks), the risk state is read afresh, so it counts as pending every order decided
 * before, in this process or another; the orders are recorded before the locks are released. The entries
 * decided in one event-loop turn (a claimed batch), and those that arrive while a batch of this process holds
 * one of their accounts (AccountBatches), share one lock transaction, one read and one insert, and are checked
 * in turn against that read (an approved entry counts as pending for the next: RiskReading).
 * Nothing is sent here: the platforms are called after the locks are released.
 */
@Injectable()
export class EntryDecisions {
  private readonly batches = new AccountBatches<EntryQuestion, EntryDecision>(
    (q) => accountIdsOf([q]),
    (q) => this.decideAll(q),
  );

  constructor(
    private readonly risk: RiskGate,
    private readonly orders: OrderStore,
    private readonly locks: AccountLocks,
    private readonly gateway: ConnectorGateway,
  ) {}

  /**
   * Decided at once on the reading taken under its locks when it has them (a handed-off entry, TaskPipeline's
   * prepared route); otherwise merged with the other decisions of this loop turn (one lock transaction, one
   * read, one insert for a batch: a burst's tasks, adopted together when their merged insert answers, keep
   * sharing them, where deciding each at once would cost a statement and a pooled connection apiece), and
   * with every decision that arrived while a batch of this process held one of its accounts (AccountBatches).
   */
  async decide(question: EntryQuestion): Promise<EntryDecision> {
    if (question.locked) return this.decideHeld(question, question.locked);
    return this.batches.call(question);
  }

  /**
   * Whether a decision batch of this process holds or awaits one of these accounts: an entry on them then
   * joins the batches (decide without locks of its own) rather than holding them early beside its insert.
   */
  batching(accountIds: readonly number[]): boolean {
    return this.batches.engaged(accountIds);
  }

  /** In dry run nothing is recorded, so nothing needs a lock: the checks on the reading that sized the entry. */
  async unrecorded(q: EntryQuestion): Promise<EntryDecision> {
    const risk = tagRisk(q.targets.accounts, await this.check(q.reading, q.checks));
    return { risk, plan: planOf(q, risk), sends: [], existing: new Map(), reservedAt: Date.now() };
  }

  private decideAll(questions: EntryQuestion[]): Promise<EntryDecision[]> {
    const accountIds = accountIdsOf(questions);
    return this.locks.exclusive(accountIds, async () => {
      // only a trading account's own state counts pending orders: `env:` accounts (firm-level, typed-in
      // states) keep the reading that sized them, as before decisions were locked
      const all = questions.flatMap((q) => q.checks);
      const fresh =
        accountIds.length > 0 && all.length > 0 ? await this.risk.snapshot(all).catch(() => null) : null;
      return this.record(questions, (q) => (accountIds.length > 0 ? fresh : q.reading));
    });
  }

  /**
   * An entry whose locks were taken, and its state read under them, before its task was inserted: decided on
   * that reading (it counts every order decided before on those accounts), its orders recorded, the locks
   * released on every path. Locks that do not cover its accounts are released and it is decided as any other.
   */
  private async decideHeld(q: EntryQuestion, held: HeldAccounts): Promise<EntryDecision> {
    try {
      if (!accountIdsOf([q]).every((id) => held.accountIds.includes(id))) {
        held.release();
        return (await this.decideAll([q]))[0];
      }
      await held.taken;
      return (await this.record([q], () => q.reading))[0];
    } finally {
      held.release();
    }
  }

  /** Checks the entries in turn on their readings, plans them, and records their orders (PENDING_SEND). */
  private async record(
    questions: EntryQuestion[],
    readingOf: (q: EntryQuestion) => RiskReading | null,
  ): Promise<EntryDecision[]> {
    const decided: Omit<EntryDecision, 'existing' | 'reservedAt'>[] = [];
    for (const q of questions) {
      const risk = tagRisk(q.targets.accounts, await this.check(readingOf(q), q.checks));
      const plan = planOf(q, risk);
      decided.push({ risk, plan, sends: entrySends(q.task, plan.orders, this.gateway) });
    }
    const intents = decided.flatMap((d) => d.sends.map((s) => s.intent));
    const reservedAt = Date.now();
    const existing =
      intents.length > 0 ? await this.orders.reserve(intents, true) : new Map<string, StoredOrder>();
    return decided.map((d) => ({ ...d, existing, reservedAt }));
  }

  private async check(reading: RiskReading | null, checks: RiskCheckRequest[]) {
    if (checks.length === 0) return [];
    return (reading ? reading.check(checks) : await this.risk.check(checks)) as AccountRisk[];
  }
}

/** The trading accounts whose states the entries' checks read (an `env:` account has none: no lock). */
export function accountIdsOf(questions: { checks: RiskCheckRequest[] }[]): number[] {
  return questions.flatMap((q) => q.checks.flatMap((c) => (c.accountId == null ? [] : [c.accountId])));
}

function planOf(q: EntryQuestion, risk: AccountRisk[]): EntryPlan {
  return planEntry(q.targets.accounts, risk, q.sizing, q.task.signal.quantity);
}
