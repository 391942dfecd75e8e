import { InMemoryAccountDirectory } from '../../../test/connectors/support/in-memory-directory';
import { FakeClock } from '../../../test/risk/support/risk.fakes';
import { DueFirmFlatBy, FlatBySchedules } from '../../risk/application/ports/flat-by-schedules.port';
import {
  AccountFlattener,
  FlattenOutcome,
  FlattenRequest,
} from '../../routing/application/ports/account-flattener.port';
import { FlatByWatchService } from './flat-by-watch.service';
import { FlatByClaim, FlatByRuns } from './ports/flat-by-runs.port';

/** Flattens on request; throws for the accounts told to. */
class RecordingFlattener extends AccountFlattener {
  readonly requests: FlattenRequest[] = [];
  readonly throwing = new Set<number>();
  async flatten(request: FlattenRequest): Promise<FlattenOutcome> {
    this.requests.push(request);
    if (this.throwing.has(request.accountId)) throw new Error('database gone');
    const closed = [{ symbol: 'NQH6', quantity: 1 }];
    return {
      accountId: request.accountId,
      status: 'FLAT',
      closed,
      cancelledOrders: 2,
      error: null,
      flattenId: 1,
    };
  }
}

/** One run per account and day, as the table's primary key makes it (retries are the SQL's, tested e2e). */
class InMemoryFlatByRuns extends FlatByRuns {
  readonly runs = new Map<string, { claim: FlatByClaim; status: string }>();
  async claim(claim: FlatByClaim): Promise<boolean> {
    const key = `${claim.accountId}:${claim.tradingDay}`;
    if (this.runs.has(key)) return false;
    this.runs.set(key, { claim, status: 'RUNNING' });
    return true;
  }
  async finish(accountId: number, tradingDay: string, outcome: FlattenOutcome): Promise<void> {
    this.runs.get(`${accountId}:${tradingDay}`)!.status = outcome.status;
  }
}

/** APEX's flat-by (16:59 New York, reopening at 17:00) on two Mondays-to-Tuesdays of November 2026 (EST). */
class FixedFlatBySchedules extends FlatBySchedules {
  private readonly days: DueFirmFlatBy[] = ['2026-11-02', '2026-11-03'].map((day) => ({
    firmCode: 'APEX',
    tradingDay: day,
    flatByAt: new Date(`${day}T21:59:00Z`),
    reopensAt: new Date(`${day}T22:00:00Z`),
    flatBy: '16:59 America/New_York',
  }));
  async due(now: Date): Promise<DueFirmFlatBy[]> {
    return this.days.filter((d) => d.flatByAt <= now && now < d.reopensAt);
  }
}

function setup(now: string) {
  const clock = new FakeClock(new Date(now));
  const directory = new InMemoryAccountDirectory();
  const tv = directory.addConnection({ name: 'tv', platform: 'tradovate', baseUrl: '', credentials: {} });
  const ids = {
    apex1: directory.addAccount(tv.id, { label: 'apex-1', firmCode: 'APEX' }).id,
    apex2: directory.addAccount(tv.id, { label: 'apex-2', firmCode: 'APEX' }).id,
    apexOff: directory.addAccount(tv.id, { label: 'apex-off', firmCode: 'APEX', enabled: false }).id,
    ftmo: directory.addAccount(tv.id, { label: 'ftmo-1', firmCode: 'FTMO' }).id,
  };
  const flattener = new RecordingFlattener();
  const runs = new InMemoryFlatByRuns();
  const watch = new FlatByWatchService(new FixedFlatBySchedules(), directory, flattener, runs, clock);
  return { watch, flattener, runs, clock, ids };
}

describe('FlatByWatchService', () => {
  it('does nothing a second before the flat-by', async () => {
    const s = setup('2026-11-02T21:58:59Z'); // Mon 16:58:59 EST
    expect(await s.watch.check()).toEqual([]);
    expect(s.flattener.requests).toEqual([]);
  });

  it("at the flat-by, flattens each enabled account of the firm once, with cause flat_by; not another firm's", async () => {
    const s = setup('2026-11-02T21:59:00Z');
    const outcomes = await s.watch.check();
    expect(outcomes.map((o) => [o.accountId, o.status])).toEqual([
      [s.ids.apex1, 'FLAT'],
      [s.ids.apex2, 'FLAT'],
    ]);
    expect(s.flattener.requests[0]).toEqual({
      accountId: s.ids.apex1,
      cause: 'flat_by',
      reason:
        'APEX flat-by 16:59 America/New_York (trading day 2026-11-02); entries reopen at 2026-11-02T22:00:00.000Z',
      requestedBy: 'flat-by',
    });
    expect(s.runs.runs.get(`${s.ids.apex1}:2026-11-02`)?.status).toBe('FLAT');

    s.clock.set('2026-11-02T21:59:30Z');
    expect(await s.watch.check()).toEqual([]);
    expect(s.flattener.requests).toHaveLength(2);
  });

  it('does nothing once the session reopens, and again at the next day', async () => {
    const s = setup('2026-11-02T22:00:00Z');
    expect(await s.watch.check()).toEqual([]);
    s.clock.set('2026-11-03T21:59:00Z');
    expect((await s.watch.check()).map((o) => o.accountId)).toEqual([s.ids.apex1, s.ids.apex2]);
    expect([...s.runs.runs.keys()]).toEqual([`${s.ids.apex1}:2026-11-03`, `${s.ids.apex2}:2026-11-03`]);
  });

  it('records a flatten that throws as FAILED and goes on with the other accounts', async () => {
    const s = setup('2026-11-02T21:59:00Z');
    s.flattener.throwing.add(s.ids.apex1);
    const outcomes = await s.watch.check();
    expect(outcomes.map((o) => [o.accountId, o.status, o.error])).toEqual([
      [s.ids.apex1, 'FAILED', 'database gone'],
      [s.ids.apex2, 'FLAT', null],
    ]);
    expect(s.runs.runs.get(`${s.ids.apex1}:2026-11-02`)?.status).toBe('FAILED');
  });
});
