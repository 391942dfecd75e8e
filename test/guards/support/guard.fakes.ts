import Decimal from 'decimal.js';
import {
  ClaimedGuardTrip,
  GuardTrips,
  NewGuardTrip,
} from '../../../src/guards/application/ports/guard-trips.port';
import { AccountRoomReport, AccountRooms } from '../../../src/risk/application/ports/account-rooms.port';
import {
  AccountFlattener,
  FlattenOutcome,
  FlattenRequest,
} from '../../../src/routing/application/ports/account-flattener.port';

/** Rooms as the risk gate would report them, set by the test. */
export class FakeRooms extends AccountRooms {
  rooms: AccountRoomReport[] = [];
  list() {
    return Promise.resolve(this.rooms);
  }
  room(id: number) {
    return Promise.resolve(this.rooms.find((r) => r.accountId === id) ?? null);
  }
}

/** A synced account of a 50K program: 1,000 daily loss limit, 2,500 maximum loss, the rooms given. */
export function aRoom(accountId: number, dailyLeft: string, drawdownLeft = '2000'): AccountRoomReport {
  return {
    accountId,
    label: `acct-${accountId}`,
    firmCode: 'APEX',
    tradingDay: '2026-12-02',
    tradingDayEndsAt: new Date('2026-12-02T22:00:00Z'),
    synced: true,
    equity: new Decimal(49_000),
    dailyLossLimit: new Decimal(1000),
    dailyLossLeft: new Decimal(dailyLeft),
    drawdownLimit: new Decimal(2500),
    drawdownLeft: new Decimal(drawdownLeft),
  };
}

/** Flattens in memory; answers FAILED while `failing` is set. */
export class FakeFlattener extends AccountFlattener {
  readonly requests: FlattenRequest[] = [];
  failing = false;

  flatten(request: FlattenRequest): Promise<FlattenOutcome> {
    this.requests.push(request);
    const failed = this.failing;
    return Promise.resolve({
      accountId: request.accountId,
      status: failed ? 'FAILED' : 'FLAT',
      closed: failed ? [] : [{ symbol: 'NQZ6', quantity: 1 }],
      cancelledOrders: failed ? 0 : 2,
      error: failed ? 'platform unreachable' : null,
      flattenId: this.requests.length,
    });
  }
}

interface Row extends ClaimedGuardTrip {
  holder: string | null;
  /** Epoch ms; 0: free. */
  until: number;
  completed: boolean;
  lastError: string | null;
}

/** guard_trips in memory: unique per account, rule and day; leases on a clock the test moves. */
export class InMemoryGuardTrips extends GuardTrips {
  readonly rows: Row[] = [];
  now = 0;

  claim(t: NewGuardTrip, holder: string, leaseMs: number): Promise<ClaimedGuardTrip | null> {
    const row = this.rows.find(
      (r) => r.accountId === t.accountId && r.rule === t.rule && r.tradingDay === t.tradingDay,
    );
    if (!row) {
      const created: Row = {
        ...t,
        id: this.rows.length + 1,
        haltId: null,
        flattenStatus: null,
        holder,
        until: this.now + leaseMs,
        completed: false,
        lastError: null,
      };
      this.rows.push(created);
      return Promise.resolve({ ...created });
    }
    return Promise.resolve(this.take(row, holder, leaseMs));
  }

  claimDue(holder: string, leaseMs: number): Promise<ClaimedGuardTrip[]> {
    const out = this.rows.map((r) => this.take(r, holder, leaseMs)).filter((r) => r !== null);
    return Promise.resolve(out);
  }

  private take(row: Row, holder: string, leaseMs: number): ClaimedGuardTrip | null {
    if (row.completed || row.until > this.now) return null;
    row.holder = holder;
    row.until = this.now + leaseMs;
    return { ...row };
  }

  private mine(id: number, holder: string): Row | null {
    const row = this.rows.find((r) => r.id === id);
    return row && row.holder === holder && !row.completed ? row : null;
  }

  halted(id: number, holder: string, haltId: number): Promise<void> {
    const row = this.mine(id, holder);
    if (row) row.haltId = haltId;
    return Promise.resolve();
  }

  completed(id: number, holder: string, status: string): Promise<void> {
    const row = this.mine(id, holder);
    if (row) Object.assign(row, { flattenStatus: status, completed: true, until: 0, lastError: null });
    return Promise.resolve();
  }

  failed(id: number, holder: string, error: string, retryMs: number): Promise<void> {
    const row = this.mine(id, holder);
    if (row) Object.assign(row, { lastError: error, until: this.now + retryMs });
    return Promise.resolve();
  }
}
