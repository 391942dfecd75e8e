import { InMemoryAccountLocks } from '../../../test/routing/support/in-memory-account-locks';
import { InMemoryOrderStore } from '../../../test/routing/support/in-memory-order-store';
import { FakeDirectory, FakeGateway } from '../../../test/routing/support/port-fakes';
import { aSignal, aTask } from '../../../test/routing/support/routing-settings';
import {
  RiskCheckRequest,
  RiskCheckResult,
  RiskGate,
  RiskReading,
} from '../../risk/application/ports/risk-gate.port';
import type { PlanAccount } from '../domain/routing-plan';
import { EntryDecisions, EntryQuestion } from './entry-decisions';

/**
 * A gate with room for one order per account: an account with a recorded order is rejected (its pending
 * exposure), as is the second approval of one reading.
 */
class RoomForOne extends RiskGate {
  snapshots = 0;
  constructor(private readonly store: InMemoryOrderStore) {
    super();
  }
  async check(requests: RiskCheckRequest[]): Promise<RiskCheckResult[]> {
    return (await this.snapshot())!.check(requests);
  }
  async accountProfits(): Promise<Map<number, number>> {
    return new Map();
  }
  override async snapshot(): Promise<RiskReading | null> {
    this.snapshots++;
    await new Promise((r) => setTimeout(r, 5)); // a read takes a while: time for another task to read too
    const taken = new Set([...this.store.rows.values()].map((o) => o.accountId));
    return {
      accountProfits: () => new Map(),
      check: (rs) =>
        rs.map((r) => {
          const full = taken.has(r.accountId!);
          taken.add(r.accountId!);
          return {
            firm_code: r.firmCode,
            status: full ? 'REJECTED' : 'APPROVED',
            rule: full ? 'DAILY_LOSS_LIMIT' : null,
            reason: full ? 'no room left' : null,
            details: {},
          };
        }),
    };
  }
}

const account = (id: number): PlanAccount => ({
  id,
  label: `acct-${id}`,
  firmCode: 'APEX',
  programIds: [4],
  sized: false,
  symbol: 'NQ',
  platform: 'rest',
});

function question(taskId: number, accountIds: number[]): EntryQuestion {
  const accounts = accountIds.map(account);
  const signal = aSignal({ trade_id: `t-${taskId}`, quantity: 1 });
  return {
    task: aTask(signal, { id: taskId }),
    targets: { accounts, byId: new Map(), reason: null },
    sizing: [],
    reading: null,
    checks: accounts.map((a) => ({
      firmCode: 'APEX',
      accountId: a.id,
      programIds: [4],
      eventType: 'entry',
      symbol: 'NQ',
      side: 'buy',
      quantity: 1,
      entryPrice: 21500,
      stopLoss: 21490,
      riskPercent: null,
    })),
  };
}

function setup() {
  const store = new InMemoryOrderStore();
  const risk = new RoomForOne(store);
  const locks = new InMemoryAccountLocks();
  const decisions = new EntryDecisions(risk, store, locks, new FakeGateway(new FakeDirectory(['APEX'])));
  return { store, risk, locks, decisions };
}

const statuses = (d: { risk: RiskCheckResult[] }) => d.risk.map((r) => r.status);

describe('EntryDecisions: check → plan → orders recorded, per account under its lock', () => {
  it('one turn: one lock of every account, one read, the entries checked in turn, every order recorded', async () => {
    const { store, risk, locks, decisions } = setup();
    const [a, b] = await Promise.all([
      decisions.decide(question(1, [5, 3])),
      decisions.decide(question(2, [3])),
    ]);
    expect(locks.held).toEqual([[3, 5]]);
    expect(risk.snapshots).toBe(1);
    expect(statuses(a)).toEqual(['APPROVED', 'APPROVED']);
    expect(statuses(b)).toEqual(['REJECTED']);
    expect(b.risk[0]).toMatchObject({ account_id: 3, rule: 'DAILY_LOSS_LIMIT' });
    expect([...store.rows.values()].map((o) => [o.taskId, o.accountId])).toEqual([
      [1, 5],
      [1, 3],
    ]);
    expect(a.sends).toHaveLength(2);
    expect(b.sends).toHaveLength(0);
  });

  it('turns apart: the later decision reads under the lock, after the earlier one recorded its order', async () => {
    const { store, risk, decisions } = setup();
    const first = decisions.decide(question(1, [3]));
    await new Promise((r) => setImmediate(r)); // the first one's turn has gone: its own lock and read
    const second = decisions.decide(question(2, [3]));
    expect(statuses(await first)).toEqual(['APPROVED']);
    expect(statuses(await second)).toEqual(['REJECTED']);
    expect(risk.snapshots).toBe(2);
    expect(store.rows.size).toBe(1);
  });

  it('decisions arriving while a batch holds their account wait in this process and go as one batch', async () => {
    const { store, risk, locks, decisions } = setup();
    const first = decisions.decide(question(1, [3]));
    await new Promise((r) => setImmediate(r)); // the first batch runs (its read takes 5 ms)
    const waiting: Promise<{ risk: RiskCheckResult[] }>[] = [];
    for (const id of [2, 3, 4]) {
      waiting.push(decisions.decide(question(id, [3])));
      await new Promise((r) => setImmediate(r)); // each in a turn of its own
    }
    expect(locks.held).toEqual([[3]]); // none of them queued a lock of its own behind the first
    expect(statuses(await first)).toEqual(['APPROVED']);
    const later = await Promise.all(waiting);
    expect(later.map(statuses)).toEqual([['REJECTED'], ['REJECTED'], ['REJECTED']]);
    expect(locks.held).toEqual([[3], [3]]); // one lock for the three, taken after the first released it
    expect(risk.snapshots).toBe(2); // and one read, which counts the first's order
    expect(store.rows.size).toBe(1);
  });

  it('an unrelated account is not held up and both are approved', async () => {
    const { risk, decisions } = setup();
    const first = decisions.decide(question(1, [3]));
    await new Promise((r) => setImmediate(r));
    const other = await decisions.decide(question(2, [4]));
    expect(statuses(other)).toEqual(['APPROVED']);
    expect(statuses(await first)).toEqual(['APPROVED']);
    expect(risk.snapshots).toBe(2);
  });
});
